package io.brmh.indexworker.lucene;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchEngine;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The embedded engine: Lucene indexes in directories under one root, searched by the process that
 * writes them. The root is locked for as long as the engine is open: a second process (a second
 * index worker) on the same root refuses to start instead of splitting an index. Aliases are kept
 * in a small file, replaced whole in one rename.
 */
public final class LuceneEngine implements SearchEngine, AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALIASES = "aliases.json";

  private final Path root;
  private final Analyzer analyzer = new StandardAnalyzer();
  private final Map<String, LuceneIndex> open = new ConcurrentHashMap<>();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final FileChannel lockChannel;
  private final FileLock lock;

  /**
   * @throws IllegalStateException when another process has the root open
   */
  public LuceneEngine(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
      lockChannel =
          FileChannel.open(
              root.resolve("engine.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockOf(lockChannel);
      if (lock == null) {
        lockChannel.close();
        throw new IllegalStateException(
            "Another process has the search indexes in "
                + root
                + " open: the embedded engine serves one process (run OpenSearch to scale out).");
      }
      Path file = root.resolve(ALIASES);
      if (Files.exists(file)) {
        aliases.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("opening the search indexes in " + root, e);
    }
  }

  /** The root's lock, or null when another process, or another engine here, holds it. */
  private static FileLock lockOf(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException heldHere) {
      return null;
    }
  }

  @Override
  public String name() {
    return "lucene";
  }

  @Override
  public void create(String index) {
    index(index);
  }

  @Override
  public boolean exists(String index) {
    return open.containsKey(checked(index)) || Files.isDirectory(root.resolve(index));
  }

  @Override
  public void write(String index, List<IndexDocument> upserts, List<String> deletes) {
    try {
      index(index).write(upserts, deletes);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to index " + index, e);
    }
  }

  @Override
  public void drop(String index) {
    LuceneIndex current = open.remove(checked(index));
    try {
      if (current != null) {
        current.close();
      }
      Path path = root.resolve(index);
      if (Files.exists(path)) {
        try (Stream<Path> files = Files.walk(path)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("dropping index " + index, e);
    }
  }

  @Override
  public synchronized void alias(String alias, String index) {
    checked(alias);
    checked(index);
    Map<String, String> next = new java.util.TreeMap<>(aliases);
    next.put(alias, index);
    try {
      Path temporary = root.resolve(ALIASES + ".next");
      JSON.writeValue(temporary.toFile(), next);
      Files.move(
          temporary,
          root.resolve(ALIASES),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("moving alias " + alias, e);
    }
    aliases.put(alias, index);
  }

  @Override
  public Optional<String> aliased(String alias) {
    return Optional.ofNullable(aliases.get(alias));
  }

  @Override
  public SearchResult search(String indexOrAlias, SearchRequest request) {
    String index = aliases.getOrDefault(indexOrAlias, indexOrAlias);
    if (!exists(index)) {
      return new SearchResult(0, List.of(), Map.of(), null);
    }
    try {
      return index(index).search(request);
    } catch (IOException e) {
      throw new UncheckedIOException("searching index " + index, e);
    }
  }

  @Override
  public Optional<IndexDocument> get(String index, String id) {
    if (!exists(index)) {
      return Optional.empty();
    }
    try {
      return index(index).get(id);
    } catch (IOException e) {
      throw new UncheckedIOException("reading index " + index, e);
    }
  }

  private LuceneIndex index(String index) {
    return open.computeIfAbsent(
        checked(index),
        name -> {
          try {
            return new LuceneIndex(root.resolve(name), analyzer);
          } catch (IOException e) {
            throw new UncheckedIOException("opening index " + name, e);
          }
        });
  }

  private static String checked(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an index name BRMH makes: " + name);
    }
    return name;
  }

  @Override
  public void close() throws IOException {
    for (LuceneIndex index : open.values()) {
      index.close();
    }
    open.clear();
    lock.release();
    lockChannel.close();
  }
}
