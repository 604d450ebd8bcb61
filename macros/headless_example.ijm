// ConvKit without menus or a display: call(...) entries and Ext.* functions.
//   java -Djava.awt.headless=true -cp target/lib/ij-1.54p.jar:target/ConvKit_-0.1.0-SNAPSHOT.jar ij.ImageJ -batch macros/headless_example.ijm
newImage("in", "32-bit ramp", 12, 10, 1);
title = call("convkit.ij.MacroCalls.conv2d", "kernel=[1 1; 1 1] stride=2");   // the result becomes the current image
print("conv2d: " + getTitle() + ", " + getWidth() + " x " + getHeight());
functions = call("convkit.ij.ConvKitExtensions.register");         // returns what it registered
selectImage("in");
Ext.conv2d("kernel=box(3) padding=1 padding_mode=replicate");        // the same, as an extension function
print("Ext.conv2d: " + getTitle() + ", " + getWidth() + " x " + getHeight());
n = parseInt(Ext.outputSize(224, 3, 2, 1, 1, 1));                   // Ext functions return strings
print("Ext.outputSize(224, 3, 2, 1, 1, 1) = " + n);
Ext.receptiveField("conv k=3; conv k=3", "x", rf, jump, start);
print("Ext.receptiveField: rf " + rf + ", jump " + jump + ", start " + start);
print("calc rf.x of layer 2: " + call("convkit.ij.MacroCalls.calc", "conv k=3 s=2 p=same; maxpool k=2", "224,224", "2", "rf.x"));
