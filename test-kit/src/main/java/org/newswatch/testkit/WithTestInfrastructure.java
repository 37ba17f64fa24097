package org.newswatch.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Runs a {@code @QuarkusTest} against the real test infrastructure: the JVM's {@link KafkaBroker} and, unless
 * {@code database = false}, a fresh database on the JVM's {@link TestPostgres} server, wired into the
 * application's {@code kafka.bootstrap.servers} and {@code quarkus.datasource.*}. Test classes with the same
 * annotation share one application boot.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@QuarkusTestResource(TestInfrastructureResource.class)
public @interface WithTestInfrastructure {

    /** Whether the application owns a database and needs one. */
    boolean database() default true;
}
