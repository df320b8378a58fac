import * as kplus from 'cdk8s-plus-27';

/**
 * PEM certificates of the certificate authorities a shipper trusts, held in one key of a Secret or a
 * ConfigMap. ECK's `<cluster>-es-http-certs-public` Secret and cert-manager's certificate Secrets keep the
 * CA under `ca.crt`, the default key.
 */
export class CaBundle {
  /** The CA bundle in one key of a Secret. */
  public static fromSecret(secret: kplus.ISecret, key: string = 'ca.crt'): CaBundle {
    return new CaBundle('Secret', secret, undefined, key);
  }

  /** The CA bundle in one key of a ConfigMap (a CA certificate is public: a ConfigMap is enough). */
  public static fromConfigMap(configMap: kplus.IConfigMap, key: string = 'ca.crt'): CaBundle {
    return new CaBundle('ConfigMap', undefined, configMap, key);
  }

  /**
   * Whether a value is a bundle made by this class. A plain object such as `{ secret, key }` (from
   * JavaScript or `as any`) is not.
   */
  public static isCaBundle(value: unknown): value is CaBundle {
    return value instanceof CaBundle;
  }

  /** A private member makes the type nominal, as for SidecarMode (only declared: nothing at run time). */
  declare private readonly nominal: void;

  private constructor(
    /** Where the bundle is held. */
    public readonly kind: 'Secret' | 'ConfigMap',
    /** The Secret that holds the bundle, when it comes from a Secret. */
    public readonly secret: kplus.ISecret | undefined,
    /** The ConfigMap that holds the bundle, when it comes from a ConfigMap. */
    public readonly configMap: kplus.IConfigMap | undefined,
    /** The key of the bundle in that Secret or ConfigMap. */
    public readonly key: string,
  ) {}
}
