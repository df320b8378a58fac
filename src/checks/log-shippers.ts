import { str } from './_plain';

/** Images of well-known log shippers: they read what an app writes, and run until they are stopped. */
const LOG_SHIPPER_IMAGE = /(^|\/)(fluent-bit|fluentd|fluentd-[\w-]+|filebeat|vector|promtail|logstash|otel\/opentelemetry-collector[\w-]*)(:|@|$)/;

export function isLogShipperImage(image: unknown): boolean {
  return LOG_SHIPPER_IMAGE.test(str(image) ?? '');
}
