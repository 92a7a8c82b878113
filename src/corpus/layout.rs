//! A deterministic force-directed layout (Fruchterman–Reingold) for the page's network.
//!
//! No crate fits: petgraph has graph types and algorithms but no layout, and the layout
//! crates are either unmaintained or pull a simulation framework for what is ~60 lines here.
//! Start positions are a golden-angle spiral in input order (no randomness), the number of
//! iterations is fixed, so the same graph always gets the same picture.

/// Strength of the pull to the centre.
const GRAVITY: f64 = 1.0;

/// Positions in `[0, w] × [0, h]` for `n` nodes joined by `edges` (index pairs, weight).
pub fn layout(n: usize, edges: &[(usize, usize, f64)], w: f64, h: f64) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let area = w * h;
    let k = (area / n as f64).sqrt() * 0.75;
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = (i as f64 + 0.5).sqrt() / (n as f64).sqrt() * w.min(h) * 0.45;
            let a = i as f64 * golden;
            (w / 2.0 + r * a.cos(), h / 2.0 + r * a.sin())
        })
        .collect();
    let iterations = 300;
    let mut temp = w.min(h) / 8.0;
    let cool = temp / (iterations as f64 + 1.0);
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for _ in 0..iterations {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let dx = pos[i].0 - pos[j].0;
                let dy = pos[i].1 - pos[j].1;
                let d2 = (dx * dx + dy * dy).max(0.01);
                let f = k * k / d2; // repulsion k²/d, divided once more by d for the unit vector
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b, wgt) in edges {
            if a >= n || b >= n || a == b {
                continue;
            }
            let dx = pos[a].0 - pos[b].0;
            let dy = pos[a].1 - pos[b].1;
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d / k * (1.0 + wgt.ln_1p()); // attraction d²/k, over d for the unit vector
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            // a weak pull to the centre keeps unconnected parts on the canvas
            // (as strong as the repulsion of all nodes at a distance of about a third of
            // the canvas, so small components stay near the main one)
            disp[i].0 += (w / 2.0 - pos[i].0) * GRAVITY * n as f64 * k * k / (w * h) * 9.0;
            disp[i].1 += (h / 2.0 - pos[i].1) * GRAVITY * n as f64 * k * k / (w * h) * 9.0;
            let (dx, dy) = disp[i];
            let len = (dx * dx + dy * dy).sqrt();
            if len > 0.0 {
                let s = len.min(temp) / len;
                pos[i].0 += dx * s;
                pos[i].1 += dy * s;
            }
        }
        temp = (temp - cool).max(0.5);
    }
    // fit into the canvas with a margin
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in &pos {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let m = 40.0;
    let sx = if x1 > x0 {
        (w - 2.0 * m) / (x1 - x0)
    } else {
        1.0
    };
    let sy = if y1 > y0 {
        (h - 2.0 * m) / (y1 - y0)
    } else {
        1.0
    };
    pos.into_iter()
        .map(|(x, y)| {
            let x = if x1 > x0 { m + (x - x0) * sx } else { w / 2.0 };
            let y = if y1 > y0 { m + (y - y0) * sy } else { h / 2.0 };
            (x, y)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_inside_the_canvas() {
        let edges = [(0, 1, 1.0), (1, 2, 3.0), (3, 4, 1.0)];
        let a = layout(6, &edges, 800.0, 600.0);
        let b = layout(6, &edges, 800.0, 600.0);
        assert_eq!(a, b);
        for (x, y) in &a {
            assert!(
                (0.0..=800.0).contains(x) && (0.0..=600.0).contains(y),
                "{x},{y}"
            );
        }
        // joined nodes end closer than the average pair
        let d = |i: usize, j: usize| ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
        assert!(d(1, 2) < d(2, 5), "{} {}", d(1, 2), d(2, 5));
        assert!(layout(0, &[], 10.0, 10.0).is_empty());
        assert_eq!(layout(1, &[], 10.0, 10.0), vec![(5.0, 5.0)]);
    }
}
