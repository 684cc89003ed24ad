package dev.fastembed.samples.springai;

import dev.fastembed.SparseTextEmbedding;

import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /documents}, {@code GET /search?q=} (dense) and {@code GET /hybrid?q=} (dense + BM25, RRF). */
@RestController
class SearchController implements InitializingBean {

    /** Reciprocal rank fusion's constant: a document's fused score is the sum of 1 / (60 + rank). */
    static final int RRF_K = 60;
    static final int MAX_K = 100;

    record Hit(String id, String text, double score) {
    }

    record Added(int added, int total) {
    }

    private final SimpleVectorStore store;
    private final Bm25Index bm25;
    private int total;

    SearchController(SimpleVectorStore store, SparseTextEmbedding sparse) {
        this.store = store;
        this.bm25 = new Bm25Index(sparse);
    }

    /** Indexes the fortunes shipped with the sample before the server takes requests. */
    @Override
    public void afterPropertiesSet() throws IOException {
        try (InputStream in = new ClassPathResource("fortunes.txt").getInputStream()) {
            add(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
        }
    }

    /**
     * Adds documents to both indexes.
     *
     * @param body a JSON array of non-blank strings; anything else is a 400 naming the first bad element
     */
    @PostMapping("/documents")
    @ResponseStatus(HttpStatus.CREATED)
    Added documents(@RequestBody List<Object> body) {
        if (body.isEmpty()) {
            throw new BadRequest("the JSON array is empty: send at least one document");
        }
        List<String> texts = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            Object element = body.get(i);
            if (!(element instanceof String text)) {
                throw new BadRequest("document [" + i + "] is " + jsonType(element)
                        + ", not a string: send a JSON array of strings");
            }
            if (text.isBlank()) {
                throw new BadRequest("document [" + i + "] is blank: send text to index");
            }
            texts.add(text);
        }
        return add(texts);
    }

    @GetMapping("/search")
    List<Hit> search(@RequestParam("q") String q, @RequestParam(name = "k", defaultValue = "5") int k) {
        check(q, k);
        return dense(q, k);
    }

    @GetMapping("/hybrid")
    List<Hit> hybrid(@RequestParam("q") String q, @RequestParam(name = "k", defaultValue = "5") int k) {
        check(q, k);
        int candidates = Math.max(20, k * 4);
        Map<String, Double> fused = new HashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<Hit> dense = dense(q, candidates);
        for (int rank = 0; rank < dense.size(); rank++) {
            fused.merge(dense.get(rank).id(), 1.0 / (RRF_K + rank + 1), Double::sum);
            texts.put(dense.get(rank).id(), dense.get(rank).text());
        }
        List<Bm25Index.Hit> keyword = bm25.search(q, candidates);
        for (int rank = 0; rank < keyword.size(); rank++) {
            fused.merge(keyword.get(rank).id(), 1.0 / (RRF_K + rank + 1), Double::sum);
            texts.putIfAbsent(keyword.get(rank).id(), keyword.get(rank).text());
        }
        return fused.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(k)
                .map(e -> new Hit(e.getKey(), texts.get(e.getKey()), e.getValue()))
                .toList();
    }

    private List<Hit> dense(String q, int k) {
        return store.similaritySearch(SearchRequest.builder().query(q).topK(k).build()).stream()
                .map(d -> new Hit(d.getId(), d.getText(), d.getScore())).toList();
    }

    private synchronized Added add(List<String> texts) {
        List<Document> documents = new ArrayList<>(texts.size());
        for (String text : texts) {
            documents.add(new Document(text));
        }
        store.add(documents);
        bm25.add(documents.stream().map(Document::getId).toList(), texts);
        total += texts.size();
        return new Added(texts.size(), total);
    }

    private static void check(String q, int k) {
        if (q.isBlank()) {
            throw new BadRequest("query parameter q is blank: send the text to search for");
        }
        if (k < 1 || k > MAX_K) {
            throw new BadRequest("query parameter k is " + k + ": it must be from 1 to " + MAX_K);
        }
    }

    /** A request the client must change; {@link BadRequestAdvice} answers it with a 400 and this message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private static String jsonType(Object element) {
        if (element == null) {
            return "null";
        }
        if (element instanceof Number) {
            return "a number";
        }
        if (element instanceof Boolean) {
            return "a boolean";
        }
        return element instanceof List ? "an array" : "an object";
    }
}
