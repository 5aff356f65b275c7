import { S3Error } from "../errors.js";
import { type RequestContext, requestHeader, requestHeaderNames } from "./request-context.js";

/**
 * The ACLs a bucket with ACLs disabled (S3's default "bucket owner enforced" ownership, and the only
 * model this store has) still accepts: both mean "the owner has full control", which is always true here.
 */
const OWNER_ONLY_ACLS = new Set(["private", "bucket-owner-full-control"]);

/** Whether `acl` (an `x-amz-acl` header or POST `acl` field) would grant anyone besides the owner. */
export function grantsOthers(acl: string | undefined): boolean {
  return acl !== undefined && !OWNER_ONLY_ACLS.has(acl.trim().toLowerCase());
}

/**
 * Refuses a write that asks for an ACL this store cannot honour, as S3 refuses it on a bucket whose ACLs
 * are disabled (400 AccessControlListNotSupported), instead of storing a "public" object that is private.
 */
export function refuseObjectAcl(ctx: RequestContext, acl = requestHeader(ctx, "x-amz-acl")): void {
  const grants = requestHeaderNames(ctx).some((name) => name.startsWith("x-amz-grant-"));
  if (grantsOthers(acl) || grants) {
    throw new S3Error("AccessControlListNotSupported", "The bucket does not allow ACLs");
  }
}
