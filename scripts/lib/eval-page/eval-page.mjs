// Runs in headless Chromium for scripts/eval-emotion.ts: FaceLandmarker in IMAGE
// mode on one photo at a time, returning the raw blendshapes (classification
// happens in Node, with the same classifyEmotion the app uses).
import { FaceLandmarker, FilesetResolver } from '/vision_bundle.mjs';

let landmarker = null;

/** Options come from client/src/features/facechat/emotion/landmarkerOptions.ts. */
window.initLandmarker = async (options) => {
  const fileset = await FilesetResolver.forVisionTasks('/wasm');
  landmarker = await FaceLandmarker.createFromOptions(fileset, options);
  return true;
};

async function loadImage(url) {
  const image = new Image();
  image.src = url;
  await image.decode(); // EXIF orientation is applied by the browser
  return image;
}

/** Downscale so the longest side is at most maxSide: some photos are 4000+ px. */
function toCanvas(image, maxSide) {
  const scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const context = canvas.getContext('2d');
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

window.detectBlendshapes = async (url, maxSide) => {
  const image = await loadImage(url);
  const canvas = toCanvas(image, maxSide);
  const result = landmarker.detect(canvas);
  const categories = result.faceBlendshapes?.[0]?.categories;
  if (!categories) return { width: canvas.width, height: canvas.height, blendshapes: null };
  const blendshapes = {};
  for (const category of categories) blendshapes[category.categoryName] = category.score;
  return { width: canvas.width, height: canvas.height, blendshapes };
};

window.evalPageReady = true;
