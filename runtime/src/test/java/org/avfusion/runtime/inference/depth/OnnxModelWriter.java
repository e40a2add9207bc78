package org.avfusion.runtime.inference.depth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the protobuf bytes of a one-node ONNX model: a 1x1 {@code Conv} from {@code [1, 3, H, W]} to
 * {@code [1, outChannels, H, W]} with given weights and bias. ONNX Runtime's Java API cannot build models, and no
 * pretrained depth model is at hand, so tests generate one whose output is a known function of its input.
 *
 * <p>Field numbers from onnx.proto (IR version 8): ModelProto ir_version=1, graph=7, opset_import=8;
 * OperatorSetIdProto domain=1, version=2; GraphProto node=1, name=2, initializer=5, input=11, output=12; NodeProto
 * input=1, output=2, name=3, op_type=4; TensorProto dims=1, data_type=2 (FLOAT=1), name=8, raw_data=9 (little
 * endian); ValueInfoProto name=1, type=2; TypeProto tensor_type=1; TypeProto.Tensor elem_type=1, shape=2;
 * TensorShapeProto dim=1; Dimension dim_value=1.
 */
final class OnnxModelWriter {
    private OnnxModelWriter() {
    }

    /** A model whose output channel {@code o} is {@code sum_c weights[o][c] * input[c] + bias[o]}. */
    static byte[] conv1x1(int height, int width, float[][] weights, float[] bias) {
        int out = weights.length;
        float[] w = new float[out * 3];
        for (int o = 0; o < out; o++) {
            System.arraycopy(weights[o], 0, w, 3 * o, 3);
        }
        Message node = new Message().string(1, "image").string(1, "W").string(1, "B").string(2, "inverse_depth")
                .string(3, "conv").string(4, "Conv");
        Message graph = new Message()
                .message(1, node)
                .string(2, "depth_test")
                .message(5, tensor("W", new long[] {out, 3, 1, 1}, w))
                .message(5, tensor("B", new long[] {out}, bias))
                .message(11, valueInfo("image", 1, 3, height, width))
                .message(12, valueInfo("inverse_depth", 1, out, height, width));
        Message opset = new Message().string(1, "").varint(2, 13);
        return new Message().varint(1, 8).message(7, graph).message(8, opset).bytes();
    }

    private static Message tensor(String name, long[] dims, float[] values) {
        Message t = new Message();
        for (long d : dims) {
            t.varint(1, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return t.varint(2, 1).string(8, name).raw(9, raw.array());
    }

    private static Message valueInfo(String name, long... dims) {
        Message shape = new Message();
        for (long d : dims) {
            shape.message(1, new Message().varint(1, d));
        }
        Message tensorType = new Message().varint(1, 1).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }

    /** A protobuf message being written: varint and length-delimited fields only. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Message raw(int field, byte[] value) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Message string(int field, String value) {
            return raw(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return raw(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void writeVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
