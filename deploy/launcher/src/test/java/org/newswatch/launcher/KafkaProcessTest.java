package org.newswatch.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaProcessTest {

    @Test
    void combinedModeOnLoopbackWithSingleReplicaInternalTopics() throws IOException {
        Properties config = load(KafkaProcess.toPropertiesText(KafkaProcess.serverProperties(Path.of("/tmp/k/data"),
                KafkaProcess.PORT, KafkaProcess.CONTROLLER_PORT)));

        assertEquals("broker,controller", config.getProperty("process.roles"));
        assertEquals("1", config.getProperty("node.id"));
        assertEquals("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093", config.getProperty("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:9092", config.getProperty("advertised.listeners"));
        assertEquals("127.0.0.1:9093", config.getProperty("controller.quorum.bootstrap.servers"));
        assertFalse(config.containsKey("controller.quorum.voters"), "--standalone formatting forbids static voters");
        assertEquals("CONTROLLER", config.getProperty("controller.listener.names"));
        assertEquals("/tmp/k/data", config.getProperty("log.dirs"));
        for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
                "default.replication.factor")) {
            assertEquals("1", config.getProperty(key), key);
        }
        assertEquals("12", config.getProperty("num.partitions"));
    }

    @Test
    void pathsWithSpacesAndBackslashesSurviveThePropertiesFormat() throws IOException {
        Path odd = Path.of("/tmp/with space/back\\slash/data");

        Properties config = load(KafkaProcess.toPropertiesText(KafkaProcess.serverProperties(odd, KafkaProcess.PORT,
                KafkaProcess.CONTROLLER_PORT)));

        assertEquals(odd.toString(), config.getProperty("log.dirs"));
    }

    @Test
    void topicsAreTheEventTopicsAndTheirDeadLetterTopics() {
        assertEquals(List.of("news.articles.v1", "news.classified.v1", "news.articles.v1.dlq", "news.classified.v1.dlq"),
                LocalStack.topicNames());
    }

    private static Properties load(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
