package io.brmh.indexworker.lucene;

import io.brmh.platform.search.IndexDocument;
import io.brmh.platform.search.SearchDocuments;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchResult;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

/**
 * One index on disk: one writer, which commits every write before it returns (durable: a crash
 * loses nothing written), and near-real-time searchers refreshed after each commit.
 */
final class LuceneIndex implements Closeable {
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer;

  LuceneIndex(Path path, Analyzer analyzer) throws IOException {
    this.analyzer = analyzer;
    this.directory = FSDirectory.open(path);
    this.writer =
        new IndexWriter(
            directory,
            new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    // An empty index is committed once, so that a reader opens it.
    writer.commit();
    this.searchers = new SearcherManager(writer, null);
  }

  synchronized void write(List<IndexDocument> upserts, List<String> deletes) throws IOException {
    for (IndexDocument document : upserts) {
      writer.updateDocument(
          new Term(LuceneDocuments.ID, document.id()), LuceneDocuments.of(document));
    }
    for (String id : deletes) {
      writer.deleteDocuments(new Term(LuceneDocuments.ID, id));
    }
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  SearchResult search(SearchRequest request) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      if (searcher.getIndexReader().maxDoc() == 0) {
        return new SearchResult(0, List.of(), emptyFacets(request), null);
      }
      Fields fields = fields(searcher);
      Query query = LuceneQueries.of(request, fields.text(), analyzer);
      Sort sort = SortCursors.sort(request.sort(), fields.numbers());
      FieldDoc after =
          request.cursor() == null
              ? null
              : SortCursors.after(request.cursor(), sort, searcher.getIndexReader().maxDoc());
      // One more than asked tells whether there is a next page; every hit is counted in the same
      // pass (a separate count would run the query twice).
      TopFieldDocs top =
          searcher.search(
              query,
              new TopFieldCollectorManager(sort, request.size() + 1, after, Integer.MAX_VALUE));
      TopFieldCollector.populateScores(top.scoreDocs, searcher, query);
      ScoreDoc[] page =
          Arrays.copyOf(top.scoreDocs, Math.min(request.size(), top.scoreDocs.length));
      Map<String, Map<String, List<String>>> highlights =
          request.highlight() ? highlights(searcher, query, top, page, fields.text()) : Map.of();
      List<SearchResult.Hit> hits = new ArrayList<>();
      for (ScoreDoc hit : page) {
        Document stored = searcher.storedFields().document(hit.doc);
        String id = stored.get(LuceneDocuments.ID);
        hits.add(
            new SearchResult.Hit(
                id,
                Float.isNaN(hit.score) ? 0 : hit.score,
                source(stored),
                highlights.getOrDefault(id, Map.of())));
      }
      String next =
          top.scoreDocs.length > request.size() && page.length > 0
              ? SortCursors.cursor((FieldDoc) page[page.length - 1])
              : null;
      Map<String, Map<String, Long>> facets =
          request.facets().isEmpty()
              ? Map.of()
              : searcher.search(query, new FacetCounts(request.facets()));
      return new SearchResult(top.totalHits.value, hits, facets, next);
    } finally {
      searchers.release(searcher);
    }
  }

  Optional<IndexDocument> get(String id) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs found = searcher.search(new TermQuery(new Term(LuceneDocuments.ID, id)), 1);
      if (found.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.of(
          new IndexDocument(id, source(searcher.storedFields().document(found.scoreDocs[0].doc))));
    } finally {
      searchers.release(searcher);
    }
  }

  private static Map<String, Map<String, Long>> emptyFacets(SearchRequest request) {
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    request.facets().forEach(field -> facets.put(field, Map.of()));
    return facets;
  }

  private Map<String, Map<String, List<String>>> highlights(
      IndexSearcher searcher, Query query, TopDocs top, ScoreDoc[] page, List<String> textFields)
      throws IOException {
    UnifiedHighlighter highlighter =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new DefaultPassageFormatter("<em>", "</em>", "… ", true))
            .build();
    String[] names = textFields.toArray(String[]::new);
    int[] passages = new int[names.length];
    Arrays.fill(passages, 3);
    TopDocs shown = new TopDocs(top.totalHits, page);
    Map<String, String[]> byField = highlighter.highlightFields(names, query, shown, passages);
    Map<String, Map<String, List<String>>> byId = new LinkedHashMap<>();
    for (int i = 0; i < page.length; i++) {
      String id = searcher.storedFields().document(page[i].doc).get(LuceneDocuments.ID);
      Map<String, List<String>> fragments = new LinkedHashMap<>();
      for (Map.Entry<String, String[]> field : byField.entrySet()) {
        String fragment = field.getValue()[i];
        if (fragment != null && fragment.contains("<em>")) {
          fragments.put(field.getKey().substring(LuceneDocuments.TEXT.length()), List.of(fragment));
        }
      }
      byId.put(id, fragments);
    }
    return byId;
  }

  /** The document's fields as written: numbers as exact decimals. */
  private static Map<String, Object> source(Document stored) throws IOException {
    return SearchDocuments.fieldsFromJson(stored.get(LuceneDocuments.SOURCE));
  }

  /** The index's text and number fields, by their document names. */
  private record Fields(List<String> text, Set<String> numbers) {}

  private static Fields fields(IndexSearcher searcher) {
    List<String> text = new ArrayList<>();
    Set<String> numbers = new HashSet<>();
    for (FieldInfo field : FieldInfos.getMergedFieldInfos(searcher.getIndexReader())) {
      if (field.name.startsWith(LuceneDocuments.TEXT)) {
        text.add(field.name);
      } else if (field.name.startsWith(LuceneDocuments.NUMBER)) {
        numbers.add(field.name.substring(LuceneDocuments.NUMBER.length()));
      }
    }
    text.sort(String::compareTo);
    return new Fields(text, numbers);
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
  }
}
