/**
 * The wire protocol of Weft's processes: frames on a byte stream, the codec that turns values into
 * frame payloads and back, and the allowlist that decides which classes a received message may
 * instantiate. Used between a pool and its workers and, behind authentication, by the Manager.
 * Not API.
 *
 * <h2>Frames</h2>
 * <pre>
 *  ┌──────────────────────────┬────────────┬──────────────────────────┐
 *  │ payload length n (4 B,   │ type (1 B, │ payload (n bytes)        │
 *  │ big-endian, 0..max)      │ 0..255)    │                          │
 *  └──────────────────────────┴────────────┴──────────────────────────┘
 * </pre>
 * {@link dev.weft.process.internal.wire.FrameWriter} batches frames in a direct buffer and sends
 * large payloads with a gathering write, without copying them;
 * {@link dev.weft.process.internal.wire.FrameReader} reads through one reusable buffer. The maximum
 * payload length (64 MiB by default) is checked on the length prefix, before anything is allocated,
 * so a peer cannot make the receiver allocate more than that however it lies. Outcomes of a read:
 * a frame; {@link dev.weft.process.internal.wire.FrameReader#END_OF_STREAM} when the stream ends
 * exactly between frames; {@link java.io.EOFException} when it ends inside one;
 * {@link dev.weft.process.internal.wire.FrameTooLargeException} (a
 * {@link dev.weft.process.internal.wire.ProtocolException}) for a negative or oversized length.
 *
 * <h2>Codec</h2>
 * A value is a tag byte followed by the tag's content. Lengths and {@code int}/{@code long} values
 * are unsigned LEB128 varints (7 bits a byte, least significant first, high bit = more follows);
 * signed values are zigzag-mapped first, so small negative numbers stay short. Fixed-width numbers
 * are big-endian. A <i>class ref</i> is a varint: 0 followed by a string (the binary class name)
 * the first time a class appears in a value, then 1 + its index in order of first appearance.
 * <table>
 *   <caption>Tags</caption>
 *   <tr><th>Tag</th><th>Type</th><th>Content</th></tr>
 *   <tr><td>0</td><td>null</td><td>none</td></tr>
 *   <tr><td>1, 2</td><td>{@code Boolean} false, true</td><td>none</td></tr>
 *   <tr><td>3</td><td>{@code Byte}</td><td>1 byte</td></tr>
 *   <tr><td>4, 5</td><td>{@code Short}, {@code Character}</td><td>2 bytes</td></tr>
 *   <tr><td>6, 7</td><td>{@code Integer}, {@code Long}</td><td>zigzag varint</td></tr>
 *   <tr><td>8, 9</td><td>{@code Float}, {@code Double}</td><td>4, 8 bytes (raw IEEE 754 bits)</td></tr>
 *   <tr><td>10</td><td>{@code String}</td><td>varint byte count, UTF-8 (an unpaired surrogate
 *       becomes {@code ?})</td></tr>
 *   <tr><td>11</td><td>{@code byte[]}</td><td>varint n, n bytes</td></tr>
 *   <tr><td>12, 13, 14</td><td>{@code int[]}, {@code long[]}, {@code double[]}</td>
 *       <td>varint n, n × 4 or 8 bytes</td></tr>
 *   <tr><td>15</td><td>{@code Object[]}</td><td>varint n, n values</td></tr>
 *   <tr><td>16</td><td>other reference arrays ({@code String[]}, {@code Point[][]})</td>
 *       <td>class ref of the element type, varint n, n values</td></tr>
 *   <tr><td>17, 18</td><td>{@code List}, {@code Set} (any implementation)</td>
 *       <td>varint n, n values; decoded as {@code ArrayList}, {@code LinkedHashSet}</td></tr>
 *   <tr><td>19</td><td>{@code Map} (any implementation)</td>
 *       <td>varint n, n × (key, value); decoded as {@code LinkedHashMap}, same order</td></tr>
 *   <tr><td>20, 21</td><td>{@code Optional} empty, present</td><td>none; the value</td></tr>
 *   <tr><td>22</td><td>record</td><td>class ref, varint component count, components in
 *       declaration order; rebuilt through the canonical constructor</td></tr>
 *   <tr><td>23</td><td>enum constant</td><td>class ref, varint byte count and UTF-8 name</td></tr>
 *   <tr><td>24</td><td>any other {@code Serializable}</td><td>4-byte length, a Java
 *       serialization stream</td></tr>
 *   <tr><td>25</td><td>a serializable lambda capturing nothing but nulls, strings, boxed
 *       primitives and enum constants (or a {@code SerializedLambda})</td><td>strings: capturing
 *       class (binary name), functional interface class, its method's name and signature; varint
 *       method-handle kind; strings: implementation class, method name, signature, instantiated
 *       type; varint n, n captured values. Rebuilt through the capturing class's
 *       {@code $deserializeLambda$}, which accepts only the lambdas its source has</td></tr>
 * </table>
 * A lambda that captures anything else goes as tag 24, so that references shared between its
 * captured values stay shared.
 * The codec copies by content: a value shared twice is written twice, and a cycle through these
 * types is reported as nesting deeper than {@link dev.weft.process.internal.wire.Codec#MAX_DEPTH}
 * (256). Decoding checks every declared length against the bytes left before allocating, so the
 * memory a message can claim is proportional to its size.
 *
 * <h2>The allowlist</h2>
 * {@link dev.weft.process.internal.wire.ClassAllowlist} decides by binary class name, before a
 * class is loaded or initialized, which classes a message may name: the JDK value types and
 * collections by default, plus what the user allowed by class or by package (the package and its
 * sub-packages; JDK packages cannot be allowed whole). It guards records, enums and typed arrays of
 * the tagged format, and every class descriptor of a Java serialization stream, through both
 * {@code resolveClass} and an {@link java.io.ObjectInputFilter} that also caps depth at
 * {@link dev.weft.process.internal.wire.Codec#MAX_JAVA_SERIALIZATION_DEPTH} and ties array lengths,
 * references and bytes to the stream's length. Dynamic proxies are always refused. A serializable
 * lambda names its capturing class, which must be allowed (in tag 25 and, as
 * {@code java.lang.invoke.SerializedLambda}, allowed by default, in a Java serialization stream). A refusal is a
 * {@link dev.weft.process.internal.wire.ClassNotAllowedException} naming the class and how to allow
 * it; it spoils that one message, not the connection.
 */
package dev.weft.process.internal.wire;
