package io.lapsbridge.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.EnumMap;
import java.util.Map;

/**
 * The little prime-curve arithmetic the JDK does not expose: the on-curve check and x·G for the
 * group public key. Shared-secret computation itself uses the JDK's {@code KeyAgreement}.
 *
 * <p>Scalar multiplication here is not constant-time. It runs only where a root key is already
 * in the caller's hands (deriving the group public key to publish), never on a device.
 */
final class EcMath {
  private static final Map<SecretAgreement, EcMath> CURVES = new EnumMap<>(SecretAgreement.class);

  static {
    for (SecretAgreement a : SecretAgreement.values()) {
      if (a.isEc()) {
        CURVES.put(a, new EcMath(a.curveName()));
      }
    }
  }

  final ECParameterSpec spec;
  private final BigInteger p;
  private final BigInteger a;
  private final BigInteger b;

  private EcMath(String curve) {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec(curve));
      spec = params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks curve " + curve, e);
    }
    p = ((ECFieldFp) spec.getCurve().getField()).getP();
    a = spec.getCurve().getA();
    b = spec.getCurve().getB();
  }

  static EcMath of(SecretAgreement agreement) {
    EcMath m = CURVES.get(agreement);
    if (m == null) {
      throw new IllegalArgumentException(agreement + " is not an elliptic curve");
    }
    return m;
  }

  boolean isOnCurve(BigInteger x, BigInteger y) {
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger lhs = y.multiply(y).mod(p);
    BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
    return lhs.equals(rhs);
  }

  /** k·G in affine coordinates; k must be in [1, n-1]. */
  ECPoint multiplyGenerator(BigInteger k) {
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = spec.getGenerator();
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      result = add(result, result);
      if (k.testBit(i)) {
        result = add(result, addend);
      }
    }
    return result;
  }

  private ECPoint add(ECPoint s, ECPoint t) {
    if (s.equals(ECPoint.POINT_INFINITY)) {
      return t;
    }
    if (t.equals(ECPoint.POINT_INFINITY)) {
      return s;
    }
    BigInteger x1 = s.getAffineX();
    BigInteger y1 = s.getAffineY();
    BigInteger x2 = t.getAffineX();
    BigInteger y2 = t.getAffineY();
    BigInteger lambda;
    if (x1.equals(x2)) {
      if (!y1.equals(y2) || y1.signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      BigInteger num = x1.multiply(x1).multiply(BigInteger.valueOf(3)).add(a);
      lambda = num.multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
    } else {
      lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
    }
    BigInteger x3 = lambda.multiply(lambda).subtract(x1).subtract(x2).mod(p);
    BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(p);
    return new ECPoint(x3, y3);
  }
}
