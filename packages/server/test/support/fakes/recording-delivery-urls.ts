import type { Clock } from "../../../src/ports/clock.js";
import type { DeliveryUrlOptions, DeliveryUrls } from "../../../src/ports/delivery-urls.js";

/**
 * A readable `DeliveryUrls` for service tests: `https://cdn.test/{key}?expires={epoch s}[&download=1]`, so
 * tests can assert which object a URL names, for how long, and whether it is a download.
 */
export class RecordingDeliveryUrls implements DeliveryUrls {
  constructor(private readonly clock: Clock) {}

  async signedUrl(key: string, expiresInSeconds: number, options: DeliveryUrlOptions = {}): Promise<string> {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + expiresInSeconds;
    return `https://cdn.test/${key}?expires=${expires}${options.download ? "&download=1" : ""}`;
  }
}
