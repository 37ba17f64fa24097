#!/bin/sh
# Creates the newswatch topics and their dead-letter topics, as deploy/local/up does: missing ones are created with
# PARTITIONS partitions, existing ones with fewer are grown (a broker that auto-creates topics may have made one
# with a single partition); nothing is ever shrunk or deleted, so running it again is harmless.
# Runs in the apache/kafka image (the Kubernetes Job in deploy/k8s and the kafka-topics service in deploy/compose).
#
#   BOOTSTRAP_SERVERS   the Kafka cluster (required)
#   PARTITIONS          partitions per topic (default 12)
#   REPLICATION_FACTOR  replicas of each new topic (default 1; use 3 on a real cluster)
#   COMMAND_CONFIG      optional client properties file (security.protocol, sasl.*, ssl.*) for a secured cluster
set -eu

: "${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS to the Kafka bootstrap servers}"
PARTITIONS="${PARTITIONS:-12}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
TOPICS="news.articles.v1 news.articles.v1.dlq news.classified.v1 news.classified.v1.dlq"

kafka_topics() {
    if [ -n "${COMMAND_CONFIG:-}" ]; then
        /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$COMMAND_CONFIG" "$@"
    else
        /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" "$@"
    fi
}

for topic in $TOPICS; do
    kafka_topics --create --if-not-exists --topic "$topic" --partitions "$PARTITIONS" \
        --replication-factor "$REPLICATION_FACTOR"
done

# One describe for all four: each topic's summary line reads "Topic: <name> TopicId: … PartitionCount: <n> …".
partition_counts=$(kafka_topics --describe --topic 'news\.(articles|classified)\.v1(\.dlq)?' | awk '
    /PartitionCount:/ {
        for (i = 1; i < NF; i++) {
            if ($i == "Topic:") name = $(i + 1)
            if ($i == "PartitionCount:") count = $(i + 1)
        }
        print name, count
    }')

for topic in $TOPICS; do
    count=$(printf '%s\n' "$partition_counts" | awk -v topic="$topic" '$1 == topic { print $2 }')
    if [ -z "$count" ]; then
        echo "topic $topic is missing after creating it" >&2
        exit 1
    fi
    if [ "$count" -lt "$PARTITIONS" ]; then
        kafka_topics --alter --topic "$topic" --partitions "$PARTITIONS"
        echo "$topic: grown from $count to $PARTITIONS partitions"
    else
        echo "$topic: $count partitions"
    fi
done
