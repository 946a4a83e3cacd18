package io.hostwatch.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedWindowTest {
  @Test
  void quantilesMatchSortingTheLastValues() {
    Random rnd = new Random(3);
    SortedWindow w = new SortedWindow(50);
    Deque<Double> last = new ArrayDeque<>();
    for (int i = 0; i < 5000; i++) {
      double x = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextGaussian(); // with many ties
      w.add(x);
      last.addLast(x);
      if (last.size() > 50) {
        last.removeFirst();
      }
      double[] s = last.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      for (double p : new double[] {0, 0.1, 0.25, 0.5, 0.75, 0.9, 1}) {
        assertEquals(Stats.quantileSorted(s, s.length, p), w.quantile(p), "step " + i + " p " + p);
      }
    }
    assertEquals(50, w.size());
    assertEquals(Double.NaN, new SortedWindow(3).quantile(0.5));
  }

  @Test
  void windowMaxIsTheLargestOfTheLastValues() {
    Random rnd = new Random(4);
    WindowMax m = new WindowMax(7);
    Deque<Double> last = new ArrayDeque<>();
    assertEquals(0.0, m.max());
    for (int i = 0; i < 3000; i++) {
      double x = rnd.nextInt(10);
      m.add(x);
      last.addLast(x);
      if (last.size() > 7) {
        last.removeFirst();
      }
      assertEquals(last.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), m.max());
    }
  }
}
