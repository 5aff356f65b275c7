import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import { Construct } from "constructs";

/**
 * `/cdn/variants/p1/thumb.webp` → `/variants/p1/thumb.webp`: the server signs URLs under `/cdn/` (the
 * path the embedded host serves too) while the bucket keys start at `variants/`. CloudFront checks the
 * signature against the URL the viewer sent, before this runs.
 */
const STRIP_CDN_PREFIX = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('/cdn/') === 0) request.uri = request.uri.substring(4);
  return request;
}`;

/** Client-side routes (`/events/e1`) get the single-page app; files (`/assets/x.js`) pass through. */
const SINGLE_PAGE_APP = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** The two viewer-request functions of the distribution. */
export class CdnFunctions extends Construct {
  readonly stripCdnPrefix: cloudfront.Function;
  readonly singlePageApp: cloudfront.Function;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const make = (name: string, comment: string, code: string) =>
      new cloudfront.Function(this, name, {
        comment,
        code: cloudfront.FunctionCode.fromInline(code),
        runtime: cloudfront.FunctionRuntime.JS_2_0,
      });
    this.stripCdnPrefix = make("StripCdnPrefix", "Maps /cdn/<key> to the bucket key", STRIP_CDN_PREFIX);
    this.singlePageApp = make("SinglePageApp", "Serves index.html for client-side routes", SINGLE_PAGE_APP);
  }
}
