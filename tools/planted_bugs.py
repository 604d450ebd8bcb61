#!/usr/bin/env python3
"""Plants, one at a time in a copy of the project, the bugs the testing issues named — six in the
engine, three in what the peers issue added, three in the scale-out issue's, three in the speed
issue's round two, five in the file layer and the runner (mutation testing's round two) — and runs
the fixed (non-random) tests against each: every bug must make at least one of them fail.

  1. same padding with left and right swapped
  2. same padding with the odd pixel first
  3. the separable algorithm's rank-1 tolerance raised from 1e-6 to 1e-3
  4. the FFT's second tile read one row off
  5. the FFT's output scaled by 1 + 5e-5
  6. the bias dropped by the direct algorithm (the large-valued, bias-sensitive cases run direct)
  7. the FFT filling constant padding with 0 instead of the value
  8. same_lower putting the odd pixel after the data (as same)
  9. output_type=same convert=clamp truncating instead of rounding
 10. a tile's halo one pixel short after the data (the scale-out issue's exact tiling)
 11. a streamed 16-bit stack read as signed (the scale-out issue's plane-by-plane reader)
 12. a Conv3D slab's z halo one plane short (the scale-out issue's volumes a slab at a time)
 13. Winograd's input transform with d2 + d1 for d2 - d1 along y and z (the speed issue's round two)
 14. Winograd transforming infinities instead of handing the block to the direct sum
 15. a strided plan's phase read one sample off (the speed issue's phase split)
 16. a signed 16-bit sample format read as unsigned (the file layer, mutation testing's round two)
 17. a TIFF's chain of directories cut one early: the last page dropped
 18. a strip's offset one byte off
 19. the output policy skipping the kernel file
 20. rescale's range taken from the first plane only

usage: python3 tools/planted_bugs.py   (needs Maven's local repository filled: run the tests once first)
"""
import os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
ENGINE = "src/main/java/convkit/engine/"
FIXED_TESTS = ("ConformanceTest,RiskyPathsTest,ConvolutionTest,GeometryTablesTest,PaddingModeTest,OutputPixelsTest,"
               "OutputTypeTest,TilingTest,StreamedTiffTest,WinogradTest,PhaseSplitTest,TiffKindsTest,PlainTiffTest,HostileInputTest,"
               "OutputPolicyTest,OutputPlanesTest")
BUGS = [
    ("same: left and right swapped", ENGINE + "Padding.java",
     "return new int[] { lo, (int) (total - lo) };", "return new int[] { (int) (total - lo), lo };"),
    ("same: the odd pixel first", ENGINE + "Padding.java",
     "int lo = (int) (total / 2);", "int lo = (int) ((total + 1) / 2);"),
    ("separable tolerance 1e-3", ENGINE + "RankOneFactors.java",
     "static final double TOLERANCE = 1e-6;", "static final double TOLERANCE = 1e-3;"),
    ("FFT: the second tile one row off", ENGINE + "FftConvolution.java",
     "if (!fill(im, in, channel, b)) return false;", "if (!fill(im, in, channel, new Tile(b.z0, b.planes, b.y0 + 1, b.rows))) return false;"),
    ("FFT: output scaled by 1 + 5e-5", ENGINE + "FftConvolution.java",
     "double scale = 1.0 / ((double) grid.rows * grid.nx);", "double scale = (1 + 5e-5) / ((double) grid.rows * grid.nx);"),
    ("direct: bias dropped", ENGINE + "DirectConvolution.java",
     "if (ci == 0 && m == 0) VectorLoops.setTaps(acc[j], bias == null ? 0f : bias[co], w, offset, taps, end, n);",
     "if (ci == 0 && m == 0) VectorLoops.setTaps(acc[j], 0f, w, offset, taps, end, n);"),
    ("FFT: constant padding filled with 0", ENGINE + "FftConvolution.java",
     "float fill = plan.fillValue();", "float fill = 0f;"),
    ("same_lower: the odd pixel after the data", ENGINE + "Padding.java",
     "return lower ? new int[] { p[1], p[0] } : p;", "return p;"),
    ("clamp: truncated, not rounded", "src/main/java/convkit/run/OutputPixels.java",
     "float r = x + 0.5f;", "float r = x;"),
    ("tiling: the halo one pixel short after", ENGINE + "Tiles.java",
     "return (b - 1) * g.stride() - g.padLo() + g.effectiveKernel() - 1;", "return (b - 1) * g.stride() - g.padLo() + g.effectiveKernel() - 2;"),
    ("streamed: 16-bit read as signed", "src/main/java/convkit/files/StreamedTiff.java",
     "boolean signed = sampleFormat == 2;", "boolean signed = sampleFormat == 2 || bits == 16;"),
    ("slabs: the z halo one plane short", "src/main/java/convkit/run/ConvRunner.java",
     "int[] at = new int[Tiles.lastInput(g, b) - lo + 1];", "int[] at = new int[Tiles.lastInput(g, b) - lo];"),
    ("winograd: Bt's third row d2 + d1", ENGINE + "WinogradConvolution.java",
     "for (int i = 0; i < len; i++) o2[i] = d2[i] - d1[i];", "for (int i = 0; i < len; i++) o2[i] = d2[i] + d1[i];"),
    ("winograd: infinities transformed", ENGINE + "WinogradConvolution.java",
     "if (!(magnitude <= largestInput)) {", "if (Float.isNaN(magnitude)) {"),
    ("phase split: the phase one sample off", ENGINE + "PhaseSplit.java",
     "sourceIndex(j * g.stride() - g.padLo(), g.inputSize());", "sourceIndex(j * g.stride() + 1 - g.padLo(), g.inputSize());"),
    ("TIFF: signed 16-bit read as unsigned", "src/main/java/convkit/files/StreamedTiff.java",
     "boolean signed = sampleFormat == 2;", "boolean signed = sampleFormat == 2 && bits != 16;"),
    ("TIFF: the chain of directories cut one early", "src/main/java/convkit/files/TiffDirectories.java",
     "dirs.add(tags(f, d, raw, entries, order, length));",
     "Map<Integer, long[]> t = tags(f, d, raw, entries, order, length); if (dirs.isEmpty() || d.getInt(12 * entries) != 0) dirs.add(t);"),
    ("TIFF: a strip's offset one byte off", "src/main/java/convkit/files/StreamedTiff.java",
     "readFully(ch, b, s.offsets[i] + (start - at));", "readFully(ch, b, s.offsets[i] + 1 + (start - at));"),
    ("output policy: the kernel skipped", "src/main/java/convkit/run/OutputPolicy.java",
     "if (same(r.getValue(), output.get())) {", "if (!r.getKey().equals(\"kernel\") && same(r.getValue(), output.get())) {"),
    ("rescale: the range of the first plane only", "src/main/java/convkit/run/OutputPlanes.java",
     "if (pixels.needsRange()) for (float[] v : planes) OutputPixels.widen(range, v, 0, v.length);",
     "if (pixels.needsRange()) OutputPixels.widen(range, planes.get(0), 0, planes.get(0).length);"),
]


def main():
    caught = 0
    for name, path, old, new in BUGS:
        work = tempfile.mkdtemp(prefix="convkit-bug-")
        shutil.copytree(ROOT, work, dirs_exist_ok=True, ignore=shutil.ignore_patterns("target", ".git"))
        f = os.path.join(work, path)
        text = open(f).read()
        if text.count(old) != 1:
            print(f"{name}: the line to change was not found once in {path}; update this script")
            return 2
        open(f, "w").write(text.replace(old, new))
        p = subprocess.run(["mvn", "-B", "-o", "-q", "test", "-Djacoco.skip=true", "-Dtest=" + FIXED_TESTS,
                            "-Dsurefire.failIfNoSpecifiedTests=false"], cwd=work, capture_output=True, text=True)
        failed = sorted(set(re.findall(r"\[ERROR\]\s+(?:[\w.]+\.)?(\w+Test)\.(\w+)", p.stdout)))
        tests = sorted({f"{c}.{m}" for c, m in failed if c.endswith("Test")})
        if p.returncode != 0 and tests:
            caught += 1
            print(f"caught   {name}: {', '.join(tests[:6])}{' ...' if len(tests) > 6 else ''}")
        else:
            print(f"MISSED   {name} (exit {p.returncode})")
        shutil.rmtree(work, ignore_errors=True)
    print(f"{caught}/{len(BUGS)} planted bugs caught by fixed tests")
    return 0 if caught == len(BUGS) else 1


if __name__ == "__main__":
    sys.exit(main())
