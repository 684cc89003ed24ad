package dev.fastembed.spring.boot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Map;

/** {@link ConditionalOnModelKind}'s test, on the bound (relaxed) property names. */
class OnModelKindCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnModelKind.class.getName());
        ModelKind kind = (ModelKind) attributes.get("value");
        Binder binder = Binder.get(context.getEnvironment());
        FastEmbedProperties.Kind current = bind(binder, kind.group());
        FastEmbedProperties.Kind old = kind.deprecatedGroup() == null ? new FastEmbedProperties.Kind()
                : bind(binder, kind.deprecatedGroup());
        String name = "fastembed." + kind.group();
        Boolean enabled = current.getEnabled() != null ? current.getEnabled() : old.getEnabled();
        if (Boolean.FALSE.equals(enabled)) {
            return ConditionOutcome.noMatch(name + ".enabled is false");
        }
        if (kind == ModelKind.BGE_M3 && Boolean.TRUE.equals(enabled)) {
            return ConditionOutcome.match(name + ".enabled is true");
        }
        if (kind.needsModel() && current.getModel() == null && current.getModelPath() == null
                && old.getModel() == null && old.getModelPath() == null) {
            return ConditionOutcome.noMatch("no " + name + ".model or " + name + ".model-path");
        }
        return ConditionOutcome.match(name + " is configured");
    }

    private static FastEmbedProperties.Kind bind(Binder binder, String group) {
        return binder.bind("fastembed." + group, Bindable.of(FastEmbedProperties.Kind.class))
                .orElseGet(FastEmbedProperties.Kind::new);
    }
}
