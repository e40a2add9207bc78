package org.avfusion.calibration.opencv;

/**
 * A planar chessboard target: the number of inner corners along its width and height (OpenCV's pattern size) and
 * the side of one square.
 *
 * @param innerColumns inner corners per row (9 on OpenCV's sample board)
 * @param innerRows    inner corners per column (6)
 * @param squareMeters side of one square, metres
 */
public record ChessboardSpec(int innerColumns, int innerRows, double squareMeters) {

    public ChessboardSpec {
        if (innerColumns < 2 || innerRows < 2) {
            throw new IllegalArgumentException("board: a chessboard needs at least 2x2 inner corners, was "
                    + innerColumns + "x" + innerRows);
        }
        if (!(squareMeters > 0) || !Double.isFinite(squareMeters)) {
            throw new IllegalArgumentException("square: the square side must be a positive length in metres, was "
                    + squareMeters);
        }
    }

    /** Parses {@code COLSxROWS} inner corners, e.g. {@code 9x6}. */
    public static ChessboardSpec parse(String board, double squareMeters) {
        String[] parts = board == null ? new String[0] : board.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("board: '" + board + "' is not COLSxROWS inner corners, e.g. 9x6");
        }
        try {
            return new ChessboardSpec(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    squareMeters);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("board: '" + board + "' is not COLSxROWS inner corners, e.g. 9x6");
        }
    }

    public int cornerCount() {
        return innerColumns * innerRows;
    }

    @Override
    public String toString() {
        return innerColumns + "x" + innerRows + " @ " + squareMeters + " m";
    }
}
