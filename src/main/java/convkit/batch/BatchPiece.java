package convkit.batch;

import convkit.files.StackPieces;

import java.io.Serializable;

/**
 * One task of a batch spread over machines: a whole file, positions {@code [from, to)} of a large
 * stack, or output rows {@code [from, to)} of a large plane, whose output the pieces write
 * together ({@link StackPieces}). Serializable, to be
 * sent to the workers.
 */
public final class BatchPiece implements Serializable {

	private static final long serialVersionUID = 1L;

	private final String file;
	private final int from;
	private final int to;
	private final boolean rows;
	private final StackPieces.Target target;

	private BatchPiece(String file, int from, int to, boolean rows, StackPieces.Target target) {
		this.file = file;
		this.from = from;
		this.to = to;
		this.rows = rows;
		this.target = target;
	}

	/** The whole file {@code file} (relative to the input folder). */
	public static BatchPiece whole(String file) {
		return new BatchPiece(file, 0, 0, false, null);
	}

	/** Positions {@code [from, to)} of the stack {@code file}, written into {@code target}. */
	static BatchPiece of(String file, int from, int to, StackPieces.Target target) {
		return new BatchPiece(file, from, to, false, target);
	}

	/** Output rows {@code [from, to)} of the one plane of {@code file} (a plane too large to be one piece), written into {@code target}. */
	static BatchPiece rows(String file, int from, int to, StackPieces.Target target) {
		return new BatchPiece(file, from, to, true, target);
	}

	/** The file, relative to the input folder. */
	public String file() {
		return file;
	}

	/** Whether this is a whole file (else a piece of a stack). */
	public boolean isWhole() {
		return target == null;
	}

	/** Whether this is rows of a plane (else positions of a stack, or a whole file). */
	boolean isRows() {
		return rows;
	}

	int from() {
		return from;
	}

	int to() {
		return to;
	}

	StackPieces.Target target() {
		return target;
	}

	@Override
	public String toString() {
		return isWhole() ? file : file + (rows ? " rows [" : " positions [") + from + ", " + to + ")";
	}
}
