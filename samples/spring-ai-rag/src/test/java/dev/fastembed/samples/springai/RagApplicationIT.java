package dev.fastembed.samples.springai;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The web sample on a random port, called over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RagApplicationIT {

    @Autowired
    Environment environment;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void searches_the_shipped_corpus_densely_and_hybrid_and_takes_new_documents() throws Exception {
        HttpResponse<String> dense = get("/search?q=" + encode("Why do dogs come when called but cats do not?") + "&k=3");
        assertThat(dense.statusCode()).isEqualTo(200);
        assertThat(dense.body()).contains("The difference between dogs and cats is that dogs come when they're called.");

        HttpResponse<String> hybrid = get("/hybrid?q=" + encode("frisbee college") + "&k=3");
        assertThat(hybrid.statusCode()).isEqualTo(200);
        assertThat(hybrid.body()).contains("Joe Cool always spends the first two weeks at college sailing his frisbee.");

        String newDocument = "Quokkas are small marsupials that seem to smile in every photograph.";
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(uri("/documents"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[\"" + newDocument + "\"]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).contains("\"added\":1").contains("\"total\":1001");
        assertThat(get("/hybrid?q=" + encode("smiling quokka marsupial") + "&k=1").body()).contains(newDocument);
        assertThat(get("/search?q=" + encode("smiling quokka marsupial") + "&k=1").body()).contains(newDocument);
    }

    @Test
    void bad_requests_are_answered_400() throws Exception {
        assertThat(get("/search?q=%20").statusCode()).isEqualTo(400);
        assertThat(get("/hybrid?q=cats&k=0").statusCode()).isEqualTo(400);
        HttpResponse<String> empty = http.send(HttpRequest.newBuilder(uri("/documents"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(empty.statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
