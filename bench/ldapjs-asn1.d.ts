// Minimal typings for the parts of @ldapjs/asn1 the codec benchmark uses (the package ships none).
declare module '@ldapjs/asn1' {
  export class BerWriter {
    constructor(options?: { size?: number; growthFactor?: number });
    get buffer(): Buffer;
    startSequence(tag?: number): void;
    endSequence(): void;
    writeInt(value: number, tag?: number): void;
    writeEnumeration(value: number, tag?: number): void;
    writeBoolean(value: boolean, tag?: number): void;
    writeString(value: string, tag?: number): void;
    writeBuffer(value: Buffer, tag: number): void;
  }
  export class BerReader {
    constructor(buffer: Buffer);
    get offset(): number;
    get length(): number;
    peek(): number | null;
    readSequence(tag?: number): number | null;
    readInt(tag?: number): number | null;
    readEnumeration(): number | null;
    readBoolean(tag?: number): boolean | null;
    readString(tag?: number, asBuffer?: false): string | null;
    readString(tag: number, asBuffer: true): Buffer | null;
  }
}
