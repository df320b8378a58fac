/**
 * The shipper images, pinned. Bumping one is a reviewed change: the generated configuration is checked
 * against the keys that this exact version documents (see test/patterns/log-sidecar/).
 */
export const FLUENT_BIT_IMAGE = 'fluent/fluent-bit:3.2.10';

/**
 * The official Fluentd image that `fluentd-mongo.Dockerfile` extends with fluent-plugin-mongo. The official
 * image itself has no MongoDB output, so it is never used directly.
 */
export const FLUENTD_BASE_IMAGE = 'fluent/fluentd:v1.16.11-debian-1.0';

/** The fluent-plugin-mongo release that `fluentd-mongo.Dockerfile` installs. */
export const FLUENT_PLUGIN_MONGO_VERSION = '1.6.3';

/** The numeric user that `fluentd-mongo.Dockerfile` gives the image's `fluent` account. */
export const FLUENTD_MONGO_UID = 10001;
