import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;

/**
 * Draws the LogitLab icon: a next-token distribution (five probability bars, the sampled token in
 * amber) on an indigo tile. The same geometry as assets/logitlab.svg, on a 256-unit grid.
 * Run from the repository root: java jpackage/DrawIcon.java
 */
public final class DrawIcon {
    static final double[] HEIGHTS = {0.45, 0.95, 0.62, 0.32, 0.18}; // a softmax, roughly
    static final int CHOSEN = 1;

    public static void main(String[] args) throws IOException {
        for (int size : new int[] {16, 32, 48, 64, 128, 256, 512, 1024}) {
            ImageIO.write(draw(size), "png", new File("target/icon/logitlab-" + size + ".png"));
        }
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(size / 256.0, size / 256.0);
        // the tile
        g.setPaint(new GradientPaint(0, 8, new Color(0x6366f1), 0, 248, new Color(0x4338ca)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
        // the baseline
        g.setColor(new Color(255, 255, 255, 110));
        g.fill(new RoundRectangle2D.Double(32, 198, 192, 8, 8, 8));
        // five bars: width 28, gap 8, from x = 40
        for (int i = 0; i < HEIGHTS.length; i++) {
            double h = 140 * HEIGHTS[i];
            double x = 40 + i * 36;
            g.setColor(i == CHOSEN ? new Color(0xfbbf24) : new Color(255, 255, 255, 235));
            g.fill(new RoundRectangle2D.Double(x, 188 - h, 28, h + 4, 10, 10));
        }
        g.dispose();
        return img;
    }
}
