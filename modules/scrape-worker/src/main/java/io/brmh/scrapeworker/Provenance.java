package io.brmh.scrapeworker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.scrapeworker.describe.ImportedApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The provenance an import writes on everything it makes: where the description came from (its
 * address and content hash, its format), which importer at which version read it, when, in which
 * job, the key that finds the thing again at the next import, and the hash of what the import wrote
 * (so a re-import of an unchanged operation leaves the method alone, even one a user edited since).
 */
final class Provenance {
  /** Moves when the importer maps descriptions differently, so that a re-import updates all. */
  static final String IMPORTER_VERSION = "1";

  static final String IMPORTER = "brmh-scrape-worker";
  static final String SOURCE_URL = "source-url";
  static final String REQUESTED_URL = "requested-url";
  static final String KEY = "key";
  static final String DATA_HASH = "data-hash";
  static final String JOB_ID = "job-id";
  static final String CHANGE = "change";

  /** Writes plain values in their order; big numbers keep their digits. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private Provenance() {}

  static Map<String, Object> of(
      ImportedApi api, String key, String dataHash, String jobId, String change, Instant now) {
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put(SOURCE_URL, api.source().toString());
    provenance.put("content-hash", api.contentHash());
    provenance.put("format", api.format());
    provenance.put("importer", IMPORTER);
    provenance.put("importer-version", IMPORTER_VERSION);
    provenance.put("imported-at", now.toString());
    provenance.put(JOB_ID, jobId);
    provenance.put(KEY, key);
    provenance.put(DATA_HASH, dataHash);
    provenance.put(CHANGE, change);
    return provenance;
  }

  /** The hash of what an import writes for one thing, with the importer's version in it. */
  static String hash(Object importedData) {
    try {
      byte[] text =
          (IMPORTER_VERSION + "\n" + JSON.writeValueAsString(importedData))
              .getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("imported data is plain JSON values", e);
    }
  }

  /**
   * The id an import gives a new thing: the same for the same namespace, kind and key, so a
   * repeated or resumed import finds what it made before instead of making it twice.
   */
  static String idFor(String namespaceId, String kind, String key) {
    return UUID.nameUUIDFromBytes(
            (namespaceId + "\n" + kind + "\n" + key).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
