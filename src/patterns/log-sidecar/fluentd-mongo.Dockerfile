# Fluentd with fluent-plugin-mongo, for LogDestination.mongodb(...).
# The official fluent/fluentd image has no MongoDB output; this adds the plugin and nothing else.
#   docker build -f fluentd-mongo.Dockerfile -t registry.example.com/fluentd-mongo:1.16.11-1.6.3 .
# Versions are pinned to the ones the generated configuration is checked against (shipper-images.ts).
FROM fluent/fluentd:v1.16.11-debian-1.0

USER root

# The mongo driver's bson and bigdecimal gems compile C extensions: build tools are installed for the
# gem install and removed again in the same layer. --conservative keeps the image's own fluentd.
RUN apt-get update \
 && apt-get install -y --no-install-recommends make gcc g++ libc-dev \
 && gem install fluent-plugin-mongo --version 1.6.3 --conservative --no-document \
 && gem sources --clear-all \
 && apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false make gcc g++ libc-dev \
 && rm -rf /var/lib/apt/lists/* /tmp/* /var/tmp/* /usr/local/bundle/cache/*.gem

# A fixed numeric user, so that Kubernetes can verify runAsNonRoot and the pod can set runAsUser to match.
RUN groupmod --gid 10001 fluent \
 && usermod --uid 10001 --gid 10001 fluent \
 && chown -R fluent:fluent /fluentd

USER 10001:10001
