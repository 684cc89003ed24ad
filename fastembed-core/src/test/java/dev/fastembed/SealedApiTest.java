package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A user's module compiles against the API (the model classes, value types, exceptions, catalog descriptions and
 * the hub) and not against the internals: each internal package is "not visible" to it, as javac says.
 */
class SealedApiTest {

    static final List<String> INTERNAL = List.of("engine", "onnx", "text", "sparse", "late", "image",
            "multimodal", "rerank", "m3", "hub.internal");

    @TempDir
    Path dir;

    @Test
    void user_code_compiles_against_the_exported_api() throws IOException {
        String output = compile("""
                package user;

                import dev.fastembed.FastEmbedException;
                import dev.fastembed.SparseEmbedding;
                import dev.fastembed.TextEmbedding;
                import dev.fastembed.hub.DownloadListener;
                import dev.fastembed.hub.HuggingFaceHub;
                import dev.fastembed.model.ModelDescription;

                class App {
                    int dimension() throws FastEmbedException {
                        ModelDescription model = TextEmbedding.listSupportedModels().get(0);
                        HuggingFaceHub hub = HuggingFaceHub.fromEnvironment();
                        DownloadListener listener = DownloadListener.NONE;
                        return model.dimension() + SparseEmbedding.empty().size();
                    }
                }
                """);
        assertThat(output).isEmpty();
    }

    @Test
    void no_internal_package_is_visible_to_user_code() throws IOException {
        for (String internal : INTERNAL) {
            String output = compile("package user;\n\nimport dev.fastembed." + internal + ".*;\n\nclass App {\n}\n");
            assertThat(output).as(internal).contains("package dev.fastembed." + internal + " is not visible");
        }
    }

    /** Compiles one class of a module {@code user} that requires dev.fastembed; returns javac's messages. */
    private String compile(String source) throws IOException {
        String modulePath = System.getProperty("jdk.module.path");
        assertThat(modulePath).as("tests run on the module path (jdk.module.path)").isNotBlank();
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("user"));
        Files.writeString(src.resolve("module-info.java"), "module user {\n    requires dev.fastembed;\n}\n");
        Files.writeString(src.resolve("user/App.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, null, null, List.of("--module-path", modulePath, "-d",
                dir.resolve("out").toString(), "-proc:none"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.resolve("module-info.java"),
                        src.resolve("user/App.java"))).call();
        return ok ? "" : messages.toString();
    }
}
