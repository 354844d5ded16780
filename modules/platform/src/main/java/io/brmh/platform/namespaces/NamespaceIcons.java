package io.brmh.platform.namespaces;

import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Namespace icons in S3, one object per upload under {@code <namespace id>/<icon id>} in a bucket
 * of their own. A new upload is a new object, so a change that loses its race (a stale {@code
 * If-Match}) never replaces the icon the namespace shows, and an icon's URL can be cached for good.
 * The media type stored is the one read from the bytes ({@link ImageTypes}), never the client's.
 */
@Singleton
public class NamespaceIcons {
  private static final Pattern URL =
      Pattern.compile(
          "/unified/namespaces/([0-9a-f-]{36})/icon/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
              + "[0-9a-f]{4}-[0-9a-f]{12})");

  private final S3Client s3;
  private final NamespacesConfiguration config;

  public NamespaceIcons(S3Client s3, NamespacesConfiguration config) {
    this.s3 = s3;
    this.config = config;
  }

  /** An icon's bytes and media type. */
  public record Icon(byte[] bytes, String contentType) {}

  /**
   * The media type of an upload.
   *
   * @throws ProblemException 413 when it is larger than configured, 415 when it is no image BRMH
   *     accepts
   */
  public String typeOf(byte[] bytes) {
    if (bytes.length > config.iconMaxBytes()) {
      throw new ProblemException(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          "icon-too-large",
          "An icon may have at most " + config.iconMaxBytes() + " bytes.");
    }
    return ImageTypes.of(bytes)
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "icon-not-an-image",
                    "The icon must be a " + ImageTypes.ACCEPTED + " image."));
  }

  /**
   * Stores a new icon of the namespace.
   *
   * @return its URL, the namespace's {@code icon-url}
   */
  public String store(String namespaceId, byte[] bytes, String contentType) {
    String iconId = UUID.randomUUID().toString();
    s3.putObject(
        b ->
            b.bucket(config.iconBucket())
                .key(key(namespaceId, iconId))
                .contentType(contentType)
                .contentLength((long) bytes.length),
        RequestBody.fromBytes(bytes));
    return url(namespaceId, iconId);
  }

  /** The icon of the namespace with this id, if it exists. */
  public Optional<Icon> read(String namespaceId, String iconId) {
    try {
      ResponseBytes<GetObjectResponse> object =
          s3.getObjectAsBytes(b -> b.bucket(config.iconBucket()).key(key(namespaceId, iconId)));
      return Optional.of(new Icon(object.asByteArray(), object.response().contentType()));
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    }
  }

  /**
   * Copies the icon behind {@code iconUrl} to another namespace.
   *
   * @return the copy's URL; empty when there is no icon to copy
   */
  public Optional<String> copy(@Nullable String iconUrl, String toNamespaceId) {
    Optional<String[]> from = locate(iconUrl);
    if (from.isEmpty()) {
      return Optional.empty();
    }
    String iconId = UUID.randomUUID().toString();
    try {
      s3.copyObject(
          b ->
              b.sourceBucket(config.iconBucket())
                  .sourceKey(key(from.get()[0], from.get()[1]))
                  .destinationBucket(config.iconBucket())
                  .destinationKey(key(toNamespaceId, iconId)));
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    }
    return Optional.of(url(toNamespaceId, iconId));
  }

  /** Removes the icon behind {@code iconUrl}; one that is gone already is no error. */
  public void delete(@Nullable String iconUrl) {
    locate(iconUrl)
        .ifPresent(
            at -> s3.deleteObject(b -> b.bucket(config.iconBucket()).key(key(at[0], at[1]))));
  }

  /**
   * Removes every icon the namespace ever had; doing it again is harmless.
   *
   * @return how many there were
   */
  public int deleteAll(String namespaceId) {
    int removed = 0;
    try {
      for (var page :
          s3.listObjectsV2Paginator(b -> b.bucket(config.iconBucket()).prefix(namespaceId + "/"))) {
        List<ObjectIdentifier> keys =
            page.contents().stream()
                .map(S3Object::key)
                .map(key -> ObjectIdentifier.builder().key(key).build())
                .toList();
        if (!keys.isEmpty()) {
          var answer =
              s3.deleteObjects(b -> b.bucket(config.iconBucket()).delete(d -> d.objects(keys)));
          if (answer.hasErrors() && !answer.errors().isEmpty()) {
            // S3 answers 200 with the keys it could not delete: the job tries again.
            throw new IllegalStateException(
                answer.errors().size()
                    + " icons of namespace "
                    + namespaceId
                    + " were not deleted: "
                    + answer.errors().get(0).code());
          }
          removed += keys.size();
        }
      }
    } catch (NoSuchBucketException noIconEver) {
      // no namespace ever had an icon here
    }
    return removed;
  }

  private static String key(String namespaceId, String iconId) {
    return namespaceId + "/" + iconId;
  }

  private static String url(String namespaceId, String iconId) {
    return "/unified/namespaces/" + namespaceId + "/icon/" + iconId;
  }

  /** The namespace id and icon id in an icon URL BRMH wrote. */
  private static Optional<String[]> locate(@Nullable String iconUrl) {
    if (iconUrl == null) {
      return Optional.empty();
    }
    Matcher matcher = URL.matcher(iconUrl);
    return matcher.matches()
        ? Optional.of(new String[] {matcher.group(1), matcher.group(2)})
        : Optional.empty();
  }
}
