package dev.fastembed.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * A real application start with a mistyped model id in a properties file: Boot's own failure report, made by
 * our analyzer (which Boot builds with the Environment), names the property, its value, the file and line it
 * came from, and the nearest catalog ids, rather than listing every fastembed property.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisIT {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(FastEmbedAutoConfiguration.class)
    static class App {
    }

    @Test
    void a_mistyped_model_id_names_its_property_value_origin_and_the_nearest_ids(CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.location=classpath:/failure-analysis/bad-model.properties"))
                .isNotNull();
        assertThat(output.toString())
                .contains("APPLICATION FAILED TO START")
                .contains("fastembed.embedding.model (now 'BAAI/bge-small-en-v15', from class path resource "
                        + "[failure-analysis/bad-model.properties] - 2:")
                .contains("The closest catalog ids: BAAI/bge-small-en-v1.5")
                .doesNotContain("fastembed.cache-dir (must be writable)");
    }
}
