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
    void bad_query_parameters_are_answered_400_with_what_was_wrong() throws Exception {
        assertBadRequest(get("/search?k=3"), "query parameter q is missing");
        assertBadRequest(get("/search?q=%20"), "query parameter q is blank");
        assertBadRequest(get("/hybrid?q=cats&k=0"), "query parameter k is 0: it must be from 1 to 100");
        assertBadRequest(get("/search?q=cats&k=101"), "query parameter k is 101");
        assertBadRequest(get("/hybrid?q=cats&k=five"), "query parameter k is 'five'");
        assertThat(get("/hybrid?q=cats&k=100").statusCode()).isEqualTo(200); // 400 dense candidates inside
        assertThat(get("/search?q=cats&k=100").statusCode()).isEqualTo(200);
    }

    @Test
    void bad_documents_are_answered_400_naming_the_element_and_nothing_is_added() throws Exception {
        assertBadRequest(post("[]"), "the JSON array is empty");
        assertBadRequest(post("[\"fine\", null]"), "document [1] is null, not a string");
        assertBadRequest(post("[\"fine\", 42]"), "document [1] is a number, not a string");
        assertBadRequest(post("[{\"text\": \"x\"}]"), "document [0] is an object, not a string");
        assertBadRequest(post("[\"fine\", \"  \"]"), "document [1] is blank");
        assertBadRequest(post("{\"text\": \"x\"}"), "the body is not a JSON array");
        assertBadRequest(post("\"just a string\""), "the body is not a JSON array");
        assertBadRequest(post("[\"unterminated"), "the body is not a JSON array");
        assertThat(get("/search?q=fine&k=1").body()).doesNotContain("\"text\":\"fine\"");
    }

    @Test
    void actuator_health_shows_the_fastembed_indicator() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"fastembed\"", "\"model\":\"BAAI/bge-small-en-v1.5\"",
                "\"dimension\":384", "\"status\":\"UP\"");
    }

    private static void assertBadRequest(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(detail);
    }

    private HttpResponse<String> post(String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/documents")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
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
