/**
 * The layer-stack calculator: layers (conv, pooling, ReLU), their sizes through a stack, and
 * receptive fields — field size, jump and start per axis ({@link convkit.geometry.FieldMap}),
 * composed layer by layer ({@link convkit.geometry.ReceptiveField}). Used by the calculator, the
 * reports and the geometry every output carries. Imports nothing from ImageJ.
 */
package convkit.geometry;
