// heic-decode ships no types; this describes the part of its API Shoebox uses (v2).
declare module "heic-decode" {
  interface DecodedHeicImage {
    width: number;
    height: number;
    /** RGBA, 4 bytes per pixel, transformations (irot/imir) already applied by libheif. */
    data: Uint8ClampedArray;
  }

  interface HeicImageHandle {
    /** Read from the container before any pixel is decoded. */
    width: number;
    height: number;
    decode(): Promise<DecodedHeicImage>;
  }

  interface HeicDecode {
    (input: { buffer: Uint8Array }): Promise<DecodedHeicImage>;
    all(input: { buffer: Uint8Array }): Promise<HeicImageHandle[] & { dispose(): void }>;
  }

  const decode: HeicDecode;
  export default decode;
}
