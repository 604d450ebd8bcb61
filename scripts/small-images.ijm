// The small-image macro loop (scripts/bench-macro): 30 calls of Conv2D with a 3x3 kernel on the
// bundled sample in batch mode, then ImageJ's own Convolve... on the same three planes, in the
// same ImageJ; prints each one's median and fastest call in ms. Argument: the sample's path.
setBatchMode(true);
open(getArgument());
src = getImageID();
n = 30;
t = newArray(n);
for (i = 0; i < n; i++) {
  selectImage(src);
  t0 = getTime();
  run("Conv2D...", "kernel=[1 2 1; 2 4 2; 1 2 1] padding=1");
  t[i] = getTime() - t0;
  close();
}
u = newArray(n);
for (i = 0; i < n; i++) {
  selectImage(src);
  run("Duplicate...", "duplicate");
  t0 = getTime();
  run("Convolve...", "text1=[1 2 1\n2 4 2\n1 2 1] normalize stack");
  u[i] = getTime() - t0;
  close();
}
Array.sort(t);
Array.sort(u);
print("MEDIAN conv2d " + t[n / 2] + " ms (fastest " + t[0] + ")  convolve " + u[n / 2] + " ms (fastest " + u[0] + ")");
