/**
 * Reading and writing ONNX ModelProto bytes with protobufjs over the embedded schema. Kept to plain
 * objects (`toObject` with longs as numbers, bytes as Uint8Array) so callers need no protobuf types.
 */
import protobuf from 'protobufjs';
import { ONNX_ML_PROTO } from './onnx-schema.js';

let modelType: protobuf.Type | null = null;

function ModelProto(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_ML_PROTO, { keepCase: true }).root.lookupType('onnx.ModelProto');
  return modelType;
}

/** A decoded ONNX model as a plain object (field names as in onnx.proto, snake_case). */
export type OnnxModelObject = Record<string, unknown>;

export function decodeOnnx(bytes: Uint8Array): OnnxModelObject {
  const type = ModelProto();
  return type.toObject(type.decode(bytes), { longs: Number, enums: String, bytes: Uint8Array, defaults: false, arrays: true }) as OnnxModelObject;
}

export function encodeOnnx(model: OnnxModelObject): Uint8Array {
  const type = ModelProto();
  // fromObject (not verify) because it accepts enum names as well as numbers.
  return type.encode(type.fromObject(model)).finish();
}
