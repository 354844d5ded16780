package io.brmh.gateway.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.brmh.platform.namespaces.NamespacesConfiguration;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Namespace icons in the devstack's S3 server: the type stored is read from the bytes whatever the
 * client claims, what is no image is refused before anything is written, a change that loses its
 * race leaves the icon shown, and only the namespace's members see it.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceIconsIT implements TestPropertyProvider {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);
  private static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1
  };
  private static final byte[] GIF =
      "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;
  @Inject S3Client s3;
  @Inject NamespacesConfiguration config;

  private GatewayClient client;
  private TestAccounts.Account owner;
  private TestAccounts.Account viewer;
  private TestAccounts.Account stranger;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() throws Exception {
    client = new GatewayClient(http.toBlocking());
    TestAccounts accounts = new TestAccounts(client, outbox, json);
    owner = accounts.signUp("icon-owner");
    viewer = accounts.signUp("icon-viewer");
    stranger = accounts.signUp("icon-stranger");
  }

  @Test
  void aFormCreatesTheNamespaceWithItsIconTypedFromItsBytes() throws Exception {
    String name = unique("iconic");
    HttpResponse<String> created =
        send(
            HttpRequest.POST(
                    "/unified/namespaces",
                    MultipartBody.builder()
                        .addPart("namespace-name", name)
                        .addPart("namespace-url", "https://api.example.org")
                        .addPart("tags", "[\"retail\",\"v2\"]")
                        // The client claims HTML; the bytes are a PNG, and the PNG type is stored.
                        .addPart("icon", "logo.html", MediaType.TEXT_HTML_TYPE, PNG)
                        .build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE),
            owner);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    Map<String, Object> body = json.readValue(created.body(), OBJECT);
    String id = (String) body.get("namespace-id");
    assertThat(body)
        .containsEntry("namespace-name", name)
        .containsEntry("namespace-url", "https://api.example.org")
        .containsEntry("tags", List.of("retail", "v2"))
        .containsEntry("version", 1);
    String iconUrl = (String) body.get("icon-url");
    assertThat(iconUrl).startsWith("/unified/namespaces/" + id + "/icon/");

    HttpResponse<byte[]> icon = icon(iconUrl, owner);
    assertThat(icon.code()).isEqualTo(200);
    assertThat(icon.body()).isEqualTo(PNG);
    assertThat(icon.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("image/png");
    assertThat(icon.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(icons(id)).hasSize(1);

    grant(name, viewer, "VIEWER");
    assertThat(icon(iconUrl, viewer).code()).isEqualTo(200);
    assertThat(icon(iconUrl, stranger).code()).isEqualTo(403);

    // A copy gets an icon of its own, which outlives the original's.
    assertThat(
            send(HttpRequest.POST("/unified/namespaces/" + id + "/duplicate", Map.of()), owner)
                .code())
        .isEqualTo(202);
    Map<String, Object> copy =
        json.readValue(
                send(HttpRequest.GET("/unified/namespaces?name=" + name + "-copy"), owner).body(),
                Argument.listOf(OBJECT))
            .get(0);
    String copyIcon = (String) copy.get("icon-url");
    assertThat(copyIcon).startsWith("/unified/namespaces/" + copy.get("namespace-id") + "/icon/");
    assertThat(icon(copyIcon, owner).body()).isEqualTo(PNG);
    assertThat(icon(copyIcon, owner).header(HttpHeaders.CONTENT_TYPE)).isEqualTo("image/png");
  }

  @Test
  void whatIsNoImageIsRefusedAndNoNamespaceIsMade() throws Exception {
    String name = unique("scripted");
    byte[] svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> refused =
        send(
            HttpRequest.POST(
                    "/unified/namespaces",
                    MultipartBody.builder()
                        .addPart("namespace-name", name)
                        .addPart("icon", "logo.png", MediaType.IMAGE_PNG_TYPE, svg)
                        .build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE),
            owner);
    assertThat(refused.code()).isEqualTo(415);
    assertThat(refused.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
    assertThat(refused.body()).contains("icon-not-an-image");
    assertThat(send(HttpRequest.GET("/unified/namespaces?name=" + name), owner).body())
        .isEqualTo("[]");

    byte[] tooLarge = new byte[config.iconMaxBytes() + 1];
    System.arraycopy(PNG, 0, tooLarge, 0, PNG.length);
    HttpResponse<String> large =
        send(
            HttpRequest.POST(
                    "/unified/namespaces",
                    MultipartBody.builder()
                        .addPart("namespace-name", name)
                        .addPart("icon", "logo.png", MediaType.IMAGE_PNG_TYPE, tooLarge)
                        .build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE),
            owner);
    assertThat(large.code()).isEqualTo(413);
    assertThat(large.body()).contains("icon-too-large");

    HttpResponse<String> badName =
        send(
            HttpRequest.POST(
                    "/unified/namespaces",
                    MultipartBody.builder()
                        .addPart("namespace-name", "no spaces allowed")
                        .addPart("icon", "logo.png", MediaType.IMAGE_PNG_TYPE, PNG)
                        .build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE),
            owner);
    assertThat(badName.code()).isEqualTo(400);
    assertThat(badName.body()).contains("\"field\":\"namespace-name\"");
  }

  @Test
  void aFormWithAnEmptyIconPartMakesANamespaceWithoutAnIcon() throws Exception {
    String name = unique("no-file-chosen");
    // What a browser sends for a file input left empty: a part with no file name and no bytes.
    HttpResponse<String> created =
        send(
            HttpRequest.POST(
                    "/unified/namespaces",
                    MultipartBody.builder()
                        .addPart("namespace-name", name)
                        .addPart("icon", "", MediaType.APPLICATION_OCTET_STREAM_TYPE, new byte[0])
                        .build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE),
            owner);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains(name).doesNotContain("icon-url");
  }

  @Test
  void aNewIconReplacesTheOldOneOnlyForTheVersionItNames() throws Exception {
    String name = unique("rebranded");
    String id = create(name);
    String path = "/unified/namespaces/" + id + "/icon";
    assertThat(send(HttpRequest.PUT(path, PNG).contentType("image/png"), owner).code())
        .as("no If-Match")
        .isEqualTo(428);

    HttpResponse<String> first =
        send(
            HttpRequest.PUT(path, PNG)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.IF_MATCH, "\"1\""),
            owner);
    assertThat(first.code()).as(first.body()).isEqualTo(200);
    assertThat(first.header(HttpHeaders.ETAG)).isEqualTo("\"2\"");
    String firstUrl = (String) json.readValue(first.body(), OBJECT).get("icon-url");

    HttpResponse<String> stale =
        send(
            HttpRequest.PUT(path, GIF)
                .contentType("image/gif")
                .header(HttpHeaders.IF_MATCH, "\"1\""),
            owner);
    assertThat(stale.code()).isEqualTo(412);
    assertThat(icons(id)).as("the loser's upload is gone again").hasSize(1);
    assertThat(icon(firstUrl, owner).body()).isEqualTo(PNG);

    grant(name, viewer, "VIEWER");
    assertThat(
            send(
                    HttpRequest.PUT(path, GIF)
                        .contentType("image/gif")
                        .header(HttpHeaders.IF_MATCH, "*"),
                    viewer)
                .code())
        .isEqualTo(403);

    HttpResponse<String> second =
        send(
            HttpRequest.PUT(path, GIF)
                .contentType("image/gif")
                .header(HttpHeaders.IF_MATCH, "\"2\""),
            owner);
    assertThat(second.code()).isEqualTo(200);
    String secondUrl = (String) json.readValue(second.body(), OBJECT).get("icon-url");
    assertThat(secondUrl).isNotEqualTo(firstUrl);
    HttpResponse<byte[]> shown = icon(secondUrl, viewer);
    assertThat(shown.body()).isEqualTo(GIF);
    assertThat(shown.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("image/gif");
    assertThat(icon(firstUrl, owner).code()).as("the old icon is gone").isEqualTo(404);
    assertThat(icons(id)).hasSize(1);

    HttpResponse<String> removed =
        send(HttpRequest.DELETE(path).header(HttpHeaders.IF_MATCH, "\"3\""), owner);
    assertThat(removed.code()).isEqualTo(200);
    assertThat(json.readValue(removed.body(), OBJECT).get("icon-url")).isNull();
    assertThat(icons(id)).isEmpty();
  }

  private List<S3Object> icons(String namespaceId) {
    return s3.listObjectsV2(b -> b.bucket(config.iconBucket()).prefix(namespaceId + "/"))
        .contents();
  }

  private HttpResponse<byte[]> icon(String url, TestAccounts.Account as) {
    try {
      return http.toBlocking()
          .exchange(HttpRequest.GET(url).bearerAuth(as.accessToken()), byte[].class);
    } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<byte[]> response = (HttpResponse<byte[]>) e.getResponse();
      return response;
    }
  }

  private String create(String name) throws Exception {
    HttpResponse<String> created =
        send(HttpRequest.POST("/unified/namespaces", Map.of("namespace-name", name)), owner);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    return (String) json.readValue(created.body(), OBJECT).get("namespace-id");
  }

  private void grant(String namespace, TestAccounts.Account member, String role) {
    assertThat(
            send(
                    HttpRequest.PUT(
                        "/namespaces/" + namespace + "/members",
                        Map.of("email", member.email(), "role", role)),
                    owner)
                .code())
        .isEqualTo(200);
  }

  private HttpResponse<String> send(MutableHttpRequest<?> request, TestAccounts.Account as) {
    return client.send(request.bearerAuth(as.accessToken()));
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
