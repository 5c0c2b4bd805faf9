import { defineConfig } from "vite";

// The dashboard is built once and committed under lagebild/web/static, so the Python package
// serves it offline (no CDN, no node at run time).
export default defineConfig({
  root: ".",
  base: "/",
  build: {
    outDir: "../lagebild/web/static",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
