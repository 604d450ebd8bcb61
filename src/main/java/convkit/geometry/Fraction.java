package convkit.geometry;

import java.math.BigDecimal;

/**
 * An exact rational number, as receptive-field geometry needs once a transposed layer divides
 * the jump (a jump of 1/2 input pixel, a start of 3/4): numerator and positive denominator in
 * lowest terms. Written {@code 3}, {@code -1/2}; read from that or a decimal ({@code 1.5}).
 * Immutable; arithmetic that would overflow a long is refused.
 * <p>
 * Example: {@code Fraction.of(1, 2).plus(Fraction.of(1, 4)).toString()} is {@code "3/4"}.
 */
public final class Fraction implements Comparable<Fraction> {

	public static final Fraction ZERO = new Fraction(0, 1);
	public static final Fraction ONE = new Fraction(1, 1);

	private final long num;
	private final long den;

	private Fraction(long num, long den) {
		this.num = num;
		this.den = den;
	}

	/** The whole number {@code n}. */
	public static Fraction of(long n) {
		return new Fraction(n, 1);
	}

	/** {@code num / den} in lowest terms; refuses a zero denominator. */
	public static Fraction of(long num, long den) {
		if (den == 0) throw new IllegalArgumentException("a fraction's denominator must not be 0 (" + num + "/0)");
		if (den < 0) {
			num = Math.negateExact(num);
			den = Math.negateExact(den);
		}
		long g = gcd(Math.abs(num), den);
		return new Fraction(num / g, den / g);
	}

	/** {@code 3}, {@code -1/2} or a decimal such as {@code 1.5} or {@code 2.0}; refused with the text otherwise. */
	public static Fraction parse(String text) {
		String t = text.trim();
		try {
			int slash = t.indexOf('/');
			if (slash > 0) return of(Long.parseLong(t.substring(0, slash).trim()), Long.parseLong(t.substring(slash + 1).trim()));
			BigDecimal d = new BigDecimal(t);
			int scale = Math.max(0, d.stripTrailingZeros().scale());
			return of(d.movePointRight(scale).longValueExact(), BigDecimal.TEN.pow(scale).longValueExact());
		}
		catch (NumberFormatException | ArithmeticException e) {
			throw new IllegalArgumentException("'" + t + "' is not a number or a fraction such as 3/2");
		}
	}

	/** The fraction nearest {@code v} with denominator {@code den} (for values read as doubles that are multiples of 1/den). */
	public static Fraction nearest(double v, long den) {
		return of(Math.round(v * den), den);
	}

	private static long gcd(long a, long b) {
		while (b != 0) {
			long t = a % b;
			a = b;
			b = t;
		}
		return a == 0 ? 1 : a;
	}

	public long numerator() {
		return num;
	}

	public long denominator() {
		return den;
	}

	public Fraction plus(Fraction o) {
		return exact(() -> of(Math.addExact(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den)), Math.multiplyExact(den, o.den)));
	}

	public Fraction minus(Fraction o) {
		return plus(new Fraction(-o.num, o.den));
	}

	public Fraction times(Fraction o) {
		return exact(() -> of(Math.multiplyExact(num, o.num), Math.multiplyExact(den, o.den)));
	}

	public Fraction times(long n) {
		return times(of(n));
	}

	public Fraction dividedBy(long n) {
		return exact(() -> of(num, Math.multiplyExact(den, n)));
	}

	private static Fraction exact(java.util.function.Supplier<Fraction> f) {
		try {
			return f.get();
		}
		catch (ArithmeticException e) {
			throw new IllegalArgumentException("a receptive-field value grows past what can be computed exactly (" + e.getMessage() + ")");
		}
	}

	/** Whether this is a whole number. */
	public boolean isWhole() {
		return den == 1;
	}

	/** The whole number this is; refused when it is not one or does not fit an int. */
	public int intValue() {
		if (den != 1 || num > Integer.MAX_VALUE || num < Integer.MIN_VALUE) throw new IllegalStateException(this + " is not a whole int");
		return (int) num;
	}

	public double doubleValue() {
		return (double) num / den;
	}

	/** The largest whole number not above this. */
	public long floor() {
		return Math.floorDiv(num, den);
	}

	/** The smallest whole number not below this. */
	public long ceil() {
		return -Math.floorDiv(-num, den);
	}

	@Override
	public int compareTo(Fraction o) {
		return Long.compare(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den));
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Fraction && ((Fraction) o).num == num && ((Fraction) o).den == den;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(num) * 31 + Long.hashCode(den);
	}

	/** {@code 3} or {@code -1/2}. */
	@Override
	public String toString() {
		return den == 1 ? Long.toString(num) : num + "/" + den;
	}
}
