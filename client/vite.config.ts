import vue from '@vitejs/plugin-vue';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

// In dev, Vite serves the client and passes everything the API owns to it.
const api = process.env.API_URL ?? 'http://localhost:4000';
const proxied = ['/media', '/healthz', '/readyz', '/models', '/mediapipe', '/livekit'];

export default defineConfig({
  plugins: [vue(), tailwindcss()],
  define: {
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: false },
      ...Object.fromEntries(proxied.map((path) => [path, { target: api }])),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
});
