package dev.fastembed.spring.boot;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Matches when a model kind is switched on: {@code fastembed.<kind>.enabled} is not false (its deprecated group
 * is read too), and, for every kind but text, a model or model path is set.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnModelKindCondition.class)
public @interface ConditionalOnModelKind {

    ModelKind value();
}
