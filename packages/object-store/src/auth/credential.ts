import { S3Error, type S3ErrorCode } from "../errors.js";
import { SERVICE } from "./signing-key.js";

/** A parsed `AKID/YYYYMMDD/region/s3/aws4_request` credential. */
export interface Credential {
  accessKeyId: string;
  shortDate: string;
  region: string;
  scope: string;
}

/**
 * Parses and checks a SigV4 credential against the store's region.
 *
 * @param errorCode what S3 answers for a bad credential in this place: AuthorizationHeaderMalformed
 *   in the Authorization header, AuthorizationQueryParametersError in a presigned URL
 * @param messagePrefix e.g. "Error parsing the X-Amz-Credential parameter; "
 */
export function parseCredential(
  raw: string,
  expectedRegion: string,
  errorCode: S3ErrorCode,
  messagePrefix: string,
): Credential {
  const parts = raw.split("/");
  const [accessKeyId, shortDate, region, service, terminal] = parts;
  if (
    parts.length !== 5 ||
    !accessKeyId ||
    shortDate === undefined ||
    region === undefined ||
    service === undefined ||
    terminal === undefined
  ) {
    throw new S3Error(
      errorCode,
      `${messagePrefix}the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
    );
  }
  if (!/^\d{8}$/.test(shortDate)) {
    throw new S3Error(
      errorCode,
      `${messagePrefix}incorrect date format "${shortDate}". This date in the credential must be in the format "yyyyMMdd".`,
    );
  }
  if (region !== expectedRegion) {
    throw new S3Error(
      errorCode,
      `${messagePrefix}the region '${region}' is wrong; expecting '${expectedRegion}'`,
      {
        Region: expectedRegion,
      },
    );
  }
  if (service !== SERVICE) {
    throw new S3Error(
      errorCode,
      `${messagePrefix}incorrect service "${service}". This endpoint belongs to "s3".`,
    );
  }
  if (terminal !== "aws4_request") {
    throw new S3Error(
      errorCode,
      `${messagePrefix}incorrect terminal "${terminal}". This endpoint uses "aws4_request".`,
    );
  }
  return { accessKeyId, shortDate, region, scope: `${shortDate}/${region}/${SERVICE}/aws4_request` };
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses "YYYYMMDDTHHMMSSZ"; `undefined` when malformed or not a real instant. */
export function parseAmzDate(value: string): Date | undefined {
  const match = AMZ_DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  // Date.UTC rolls "20130230" over into March; a real timestamp must round-trip.
  return formatAmzDate(date) === value ? date : undefined;
}

/** Formats an instant as "YYYYMMDDTHHMMSSZ". */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}
