import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

/**
 * The MediaPipe files the client serves. sha256 values are those in ../shared/models/SOURCES.md
 * (Google's published files); a mismatch stops setup.
 */
const MODELS = [
  {
    file: 'face_landmarker.task',
    sha256: '64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff',
    url: 'https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/face_landmarker.task',
  },
  {
    file: 'selfie_segmenter.tflite',
    sha256: '191ac9529ae506ee0beefa6b2c945a172dab9d07d1e802a290a4e4038226658b',
    url: 'https://storage.googleapis.com/mediapipe-models/image_segmenter/selfie_segmenter/float16/latest/selfie_segmenter.tflite',
  },
];

const MODELS_TARGET = join(ROOT, 'client/public/models');
const WASM_TARGET = join(ROOT, 'client/public/mediapipe');

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

export async function installModels(log = console.log) {
  mkdirSync(MODELS_TARGET, { recursive: true });
  const source = process.env.MODELS_DIR;
  for (const model of MODELS) {
    const target = join(MODELS_TARGET, model.file);
    if (existsSync(target) && sha256(readFileSync(target)) === model.sha256) {
      log(`  ${model.file}: already installed`);
      continue;
    }
    let bytes;
    if (source) {
      const from = join(source, model.file);
      if (!existsSync(from)) throw new Error(`${model.file} is not in MODELS_DIR=${source}`);
      bytes = readFileSync(from);
    } else {
      log(`  ${model.file}: downloading ${model.url}`);
      const response = await fetch(model.url).catch((error) => {
        throw new Error(`could not download ${model.url} (${error.message}). Set MODELS_DIR to a folder holding ${model.file}.`);
      });
      if (!response.ok)
        throw new Error(`could not download ${model.url}: HTTP ${response.status}. Set MODELS_DIR to a folder holding ${model.file}.`);
      bytes = Buffer.from(await response.arrayBuffer());
    }
    const actual = sha256(bytes);
    if (actual !== model.sha256) {
      throw new Error(
        `${model.file} has sha256 ${actual}, expected ${model.sha256}. Refusing to install a model that is not Google's published file.`,
      );
    }
    writeFileSync(`${target}.part`, bytes);
    renameSync(`${target}.part`, target);
    log(`  ${model.file}: installed (sha256 ok)`);
  }
  // The MediaPipe wasm runtime comes from the npm package, served by us (no CDN).
  const wasm = join(ROOT, 'node_modules/@mediapipe/tasks-vision/wasm');
  if (!existsSync(wasm)) throw new Error('node_modules/@mediapipe/tasks-vision is missing: run npm ci first.');
  mkdirSync(WASM_TARGET, { recursive: true });
  cpSync(wasm, WASM_TARGET, { recursive: true });
  log('  MediaPipe wasm runtime: copied to client/public/mediapipe');
}
