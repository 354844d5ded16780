package io.brmh.indexworker.lucene;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchEngine;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchRequestException;
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
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.util.IOUtils;

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
    writable(index);
  }

  @Override
  public boolean exists(String index) {
    return open.containsKey(checked(index)) || Files.isDirectory(root.resolve(index));
  }

  @Override
  public void write(String index, List<IndexDocument> upserts, List<String> deletes) {
    LuceneIndex target = writable(index);
    try {
      target.write(upserts, deletes);
    } catch (AlreadyClosedException closed) {
      // The writer closed itself after a tragic failure (a full disk): the next try opens it again.
      open.remove(index, target);
      throw closed;
    } catch (IOException e) {
      throw new UncheckedIOException("writing to index " + index, e);
    }
  }

  @Override
  public synchronized void drop(String index) {
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
    // An alias that named it names nothing now, as on OpenSearch.
    if (aliases.containsValue(index)) {
      Map<String, String> next = new java.util.TreeMap<>(aliases);
      next.values().removeIf(index::equals);
      writeAliases(next);
      aliases.values().removeIf(index::equals);
    }
  }

  @Override
  public synchronized void alias(String alias, String index) {
    checked(alias);
    if (!exists(index)) {
      throw new IllegalStateException("no index " + index + " to point " + alias + " at");
    }
    Map<String, String> next = new java.util.TreeMap<>(aliases);
    next.put(alias, index);
    writeAliases(next);
    aliases.put(alias, index);
  }

  /**
   * Replaces the alias file: written, forced to disk, renamed over the old file, and the rename
   * forced too, so that a power loss leaves the old aliases or the new ones, never an empty file.
   */
  private void writeAliases(Map<String, String> next) {
    try {
      Path temporary = root.resolve(ALIASES + ".next");
      try (FileChannel file =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        file.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(next)));
        file.force(true);
      }
      Files.move(
          temporary,
          root.resolve(ALIASES),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      IOUtils.fsync(root, true);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the aliases in " + root, e);
    }
  }

  @Override
  public Optional<String> aliased(String alias) {
    return Optional.ofNullable(aliases.get(alias));
  }

  @Override
  public List<String> indexes(String prefix) {
    try (Stream<Path> entries = Files.list(root)) {
      return entries
          .filter(Files::isDirectory)
          .map(path -> path.getFileName().toString())
          .filter(name -> name.startsWith(prefix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing the indexes in " + root, e);
    }
  }

  @Override
  public SearchResult search(String indexOrAlias, SearchRequest request) {
    for (int attempt = 0; ; attempt++) {
      String index = aliases.getOrDefault(indexOrAlias, indexOrAlias);
      Optional<LuceneIndex> found = existing(index);
      if (found.isEmpty()) {
        return new SearchResult(0, List.of(), Map.of(), null);
      }
      try {
        return found.get().search(request);
      } catch (IndexSearcher.TooManyClauses tooMany) {
        throw new SearchRequestException(
            "query", "The query matches too many terms at once; give fewer or longer words.");
      } catch (AlreadyClosedException dropped) {
        if (attempt > 0) {
          throw dropped;
        }
        // The generation was dropped under the search as the alias moved on: read the new one.
      } catch (IOException e) {
        throw new UncheckedIOException("searching index " + index, e);
      }
    }
  }

  @Override
  public Optional<IndexDocument> get(String index, String id) {
    Optional<LuceneIndex> found = existing(index);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try {
      return found.get().get(id);
    } catch (IOException e) {
      throw new UncheckedIOException("reading index " + index, e);
    }
  }

  /** The index, made when it is not there: for writes, which only the index worker makes. */
  private synchronized LuceneIndex writable(String index) {
    LuceneIndex current = open.get(checked(index));
    if (current != null) {
      return current;
    }
    return opened(index);
  }

  /** The index when it is there; a read never makes one, nor brings back one being dropped. */
  private synchronized Optional<LuceneIndex> existing(String index) {
    LuceneIndex current = open.get(checked(index));
    if (current != null) {
      return Optional.of(current);
    }
    return Files.isDirectory(root.resolve(index)) ? Optional.of(opened(index)) : Optional.empty();
  }

  private LuceneIndex opened(String index) {
    try {
      LuceneIndex opened = new LuceneIndex(root.resolve(index), analyzer);
      open.put(index, opened);
      return opened;
    } catch (IOException e) {
      throw new UncheckedIOException("opening index " + index, e);
    }
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
