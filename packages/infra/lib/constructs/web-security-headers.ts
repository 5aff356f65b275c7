import { Aws, Duration } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import { Construct } from "constructs";

export interface WebSecurityHeadersProps {
  /** Regional host name of the photo bucket: the browser uploads there (presigned POST/PUT) and shows originals. */
  photoBucketDomainName: string;
}

/**
 * The web client's security headers on AWS, as a CloudFront response headers policy: the same CSP, frame,
 * referrer, content-type and permissions rules the embedded host sends (`packages/server/src/http/
 * middleware/security-headers.ts`). On AWS the client also talks to Cognito's regional endpoint. Headers
 * the origin sets itself win (the share pages send a stricter CSP naming their image origins).
 */
export class WebSecurityHeaders extends Construct {
  readonly policy: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: WebSecurityHeadersProps) {
    super(scope, id);
    const store = `https://${props.photoBucketDomainName}`;
    const cognito = `https://cognito-idp.${Aws.REGION}.amazonaws.com`;
    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      `img-src 'self' data: blob: ${store}`,
      `connect-src 'self' ${store} ${cognito}`,
      "font-src 'self'",
      "manifest-src 'self'",
      "worker-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      `form-action 'self' ${store}`,
      "frame-ancestors 'none'",
    ].join("; ");
    this.policy = new cloudfront.ResponseHeadersPolicy(this, "Policy", {
      comment: "Shoebox web client: CSP, no framing, no referrer, nosniff, permissions",
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: false },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: false },
        // Share and guest links carry their token in the URL.
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: false },
        contentTypeOptions: { override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: false,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
            override: false,
          },
        ],
      },
    });
  }
}
