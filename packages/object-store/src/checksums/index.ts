export {
  type ChecksumAlgorithm,
  checksumAlgorithmForHeader,
  checksumHeaderFor,
  createChecksum,
  type RunningChecksum,
} from "./checksum.js";
