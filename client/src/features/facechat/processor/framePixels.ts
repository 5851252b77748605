/**
 * A camera frame's pixels without the page's main thread, for the compose worker.
 *
 * Chromium (156) draws a `VideoFrame` onto a worker's canvas — `drawImage`,
 * `createImageBitmap`, WebGL `texImage2D` alike — with a task on the page's main
 * thread, so a busy page (a feed rendering while the call runs in the mini bar)
 * froze the effect and the video others see. `VideoFrame.copyTo` does not: the
 * frame's YUV planes are copied out, uploaded as WebGL textures and turned into RGB
 * by a shader on a worker-owned canvas, which the compositor then draws as it
 * would the frame. Frames in other formats (RGB, 4:4:4) are returned as they are.
 *
 * With software WebGL (SwiftShader, llvmpipe: no GPU) the conversion costs about
 * 21 ms a 720p frame on top of 10 ms of compositing, enough to push a loaded
 * machine into the frame-budget fallback; it is used there only when asked for
 * (the CPU conversion, framePixelsCpu.ts, is the other opt-in there).
 */

type Planar = 'I420' | 'NV12';
const PLANAR: readonly string[] = ['I420', 'NV12'];

const VERTEX = `#version 300 es
in vec2 corner;
out vec2 uv;
void main() {
  uv = vec2((corner.x + 1.0) * 0.5, (1.0 - corner.y) * 0.5);
  gl_Position = vec4(corner, 0.0, 1.0);
}`;

// rgb = toRgb * (y - yOffset, u - 0.5, v - 0.5); NV12 keeps U and V together in one two-channel texture.
const FRAGMENT = `#version 300 es
precision mediump float;
in vec2 uv;
uniform sampler2D lumaPlane;
uniform sampler2D uPlane;
uniform sampler2D vPlane;
uniform bool interleaved;
uniform float yOffset;
uniform mat3 toRgb;
out vec4 colour;
void main() {
  float y = texture(lumaPlane, uv).r - yOffset;
  vec2 chroma = interleaved ? texture(uPlane, uv).rg : vec2(texture(uPlane, uv).r, texture(vPlane, uv).r);
  colour = vec4(clamp(toRgb * vec3(y, chroma - 0.5), 0.0, 1.0), 1.0);
}`;

/** Column-major YUV → RGB matrices (scale of limited-range luma folded in), by matrix and range. */
export function yuvToRgb(space: VideoColorSpace | undefined): { matrix: number[]; yOffset: number } {
  const bt709 = space?.matrix === 'bt709';
  const [kr, kb] = bt709 ? [0.2126, 0.0722] : [0.299, 0.114]; // BT.601 (smpte170m, bt470bg) otherwise
  const kg = 1 - kr - kb;
  const full = space?.fullRange === true;
  const ys = full ? 1 : 255 / 219;
  const cs = full ? 1 : 255 / 224;
  const [rv, gu, gv, bu] = [2 * (1 - kr) * cs, (-2 * (1 - kb) * kb * cs) / kg, (-2 * (1 - kr) * kr * cs) / kg, 2 * (1 - kb) * cs];
  // Columns: y, u, v.
  return { matrix: [ys, ys, ys, 0, gu, bu, rv, gv, 0], yOffset: full ? 0 : 16 / 255 };
}

/** A planar YUV frame's planes, copied out with `VideoFrame.copyTo` (which never waits for the main thread). */
export interface CopiedPlanes {
  buffer: Uint8Array<ArrayBuffer>;
  layout: PlaneLayout[];
  width: number;
  height: number;
  /** NV12: U and V interleaved in the second plane. */
  interleaved: boolean;
}

/**
 * Copies `frame`'s planes into `buffer` (a bigger one when it does not fit; keep the returned one for the next frame);
 * null when the frame is not I420 / NV12 (draw it as it is).
 */
export async function copyPlanes(frame: VideoFrame, buffer: Uint8Array<ArrayBuffer>): Promise<CopiedPlanes | null> {
  const format = frame.format;
  if (!format || !PLANAR.includes(format) || !frame.visibleRect) return null;
  const size = frame.allocationSize();
  const target = buffer.byteLength < size ? new Uint8Array(size) : buffer;
  const layout = await frame.copyTo(target);
  const { width, height } = frame.visibleRect;
  return { buffer: target, layout, width, height, interleaved: (format as Planar) === 'NV12' };
}

export class FramePixels {
  readonly canvas = new OffscreenCanvas(1, 1);
  private readonly gl: WebGL2RenderingContext;
  private readonly textures: WebGLTexture[] = [];
  private readonly uniforms: Record<'interleaved' | 'yOffset' | 'toRgb', WebGLUniformLocation | null>;
  private buffer = new Uint8Array(0);

  /**
   * null where WebGL2 is not available in a worker, or is software WebGL and `software` is false: frames are then
   * drawn as they are (through the main thread), or converted on the CPU where asked (framePixelsCpu.ts).
   */
  static create({ software }: { software: boolean }): FramePixels | null {
    try {
      const pixels = new FramePixels();
      if (software || !pixels.isSoftware()) return pixels;
      console.info('[emotion-background] software WebGL: frames not read with WebGL');
    } catch (error) {
      console.info('[emotion-background] no WebGL2 in the worker: frames not read with WebGL', error);
    }
    return null;
  }

  private isSoftware(): boolean {
    const gl = this.gl;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
  }

  private constructor() {
    const gl = this.canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, preserveDrawingBuffer: true });
    if (!gl) throw new Error('no WebGL2 in the worker');
    this.gl = gl;
    const program = gl.createProgram()!;
    for (const [type, source] of [
      [gl.VERTEX_SHADER, VERTEX],
      [gl.FRAGMENT_SHADER, FRAGMENT],
    ] as const) {
      const shader = gl.createShader(type)!;
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(shader) ?? 'shader');
      gl.attachShader(program, shader);
    }
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(program) ?? 'program');
    gl.useProgram(program);
    gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
    const corner = gl.getAttribLocation(program, 'corner');
    gl.enableVertexAttribArray(corner);
    gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);
    ['lumaPlane', 'uPlane', 'vPlane'].forEach((name, unit) => {
      const texture = gl.createTexture()!;
      gl.activeTexture(gl.TEXTURE0 + unit);
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
      gl.uniform1i(gl.getUniformLocation(program, name), unit);
      this.textures.push(texture);
    });
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    this.uniforms = {
      interleaved: gl.getUniformLocation(program, 'interleaved'),
      yOffset: gl.getUniformLocation(program, 'yOffset'),
      toRgb: gl.getUniformLocation(program, 'toRgb'),
    };
  }

  /** The frame's pixels on `canvas` (valid until the next call), or the frame itself when it is not planar YUV. */
  async convert(frame: VideoFrame): Promise<VideoFrame | OffscreenCanvas> {
    const planes = await copyPlanes(frame, this.buffer);
    if (!planes) return frame;
    this.buffer = planes.buffer;
    const { layout, width, height, interleaved } = planes;
    const [chromaWidth, chromaHeight] = [Math.ceil(width / 2), Math.ceil(height / 2)];
    const gl = this.gl;
    const upload = (unit: number, plane: PlaneLayout, w: number, h: number, channels: 1 | 2) => {
      gl.activeTexture(gl.TEXTURE0 + unit);
      gl.pixelStorei(gl.UNPACK_ROW_LENGTH, plane.stride / channels);
      const [internal, pixelFormat] = channels === 1 ? [gl.R8, gl.RED] : [gl.RG8, gl.RG];
      gl.texImage2D(gl.TEXTURE_2D, 0, internal, w, h, 0, pixelFormat, gl.UNSIGNED_BYTE, this.buffer, plane.offset);
    };
    upload(0, layout[0], width, height, 1);
    if (interleaved) upload(1, layout[1], chromaWidth, chromaHeight, 2);
    else {
      upload(1, layout[1], chromaWidth, chromaHeight, 1);
      upload(2, layout[2], chromaWidth, chromaHeight, 1);
    }
    const { matrix, yOffset } = yuvToRgb(frame.colorSpace);
    gl.uniform1i(this.uniforms.interleaved, interleaved ? 1 : 0);
    gl.uniform1f(this.uniforms.yOffset, yOffset);
    gl.uniformMatrix3fv(this.uniforms.toRgb, false, matrix);
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    gl.viewport(0, 0, width, height);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    return this.canvas;
  }
}
