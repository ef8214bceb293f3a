//! `train-ner`: trains the ANERcorp person/organisation tagger and writes
//! the model file that `rasid-resolve` embeds.
//!
//! Usage: `train-ner TRAIN.txt OUT.bin.gz [--dev DEV.txt] [--epochs N]
//! [--seed S] [--prune X] [--min-count N]` (defaults: 12 epochs, seed
//! 20260123, prune 0.05, min-count 2). Deterministic for a seed. With `--dev` it prints
//! the dev scores after every epoch and the final per-type table.

use std::process::ExitCode;
use std::time::Instant;

use rasid_resolve::ner::train::{TrainConfig, evaluate, read_conll, train};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-ner: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut dev = None;
    let mut cfg = TrainConfig {
        epochs: 12,
        seed: 20_260_123,
        prune: 0.05,
        min_count: 2,
    };
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--dev" => dev = Some(val("--dev")?),
            "--epochs" => {
                cfg.epochs = val("--epochs")?
                    .parse()
                    .map_err(|e| format!("--epochs: {e}"))?
            }
            "--seed" => cfg.seed = val("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--min-count" => {
                cfg.min_count = val("--min-count")?
                    .parse()
                    .map_err(|e| format!("--min-count: {e}"))?
            }
            "--prune" => {
                cfg.prune = val("--prune")?
                    .parse()
                    .map_err(|e| format!("--prune: {e}"))?
            }
            _ => pos.push(a),
        }
    }
    let [train_path, out_path] = &pos[..] else {
        return Err("usage: train-ner TRAIN.txt OUT.bin.gz [--dev DEV.txt] [--epochs N] [--seed S] [--prune X]".into());
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let train_sents = read_conll(&read(train_path)?);
    let dev_sents = dev
        .as_deref()
        .map(read)
        .transpose()?
        .map(|t| read_conll(&t));
    eprintln!("train: {} sentences; {cfg:?}", train_sents.len());
    let t0 = Instant::now();
    let model = train(
        &train_sents,
        dev_sents.as_deref(),
        cfg,
        |epoch, sc| match sc {
            Some(sc) => {
                let o = sc.overall();
                eprintln!(
                    "epoch {epoch:>2}: dev P {:.2} R {:.2} F1 {:.2} ({:.1}s)",
                    100.0 * o.precision(),
                    100.0 * o.recall(),
                    100.0 * o.f1(),
                    t0.elapsed().as_secs_f64()
                );
            }
            None => eprintln!("epoch {epoch:>2} ({:.1}s)", t0.elapsed().as_secs_f64()),
        },
    );
    let mut model = model;
    if let Some(d) = &dev_sents {
        // The penalty on O with the best dev F1 (ties: the smaller).
        let mut best = (f64::MIN, 0.0f32);
        for b in [0.0f32, 1.0, 2.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0] {
            model.set_o_bias(b);
            let f = evaluate(&model, d).overall().f1();
            eprintln!("o-bias {b:.2}: dev F1 {:.2}", 100.0 * f);
            if f > best.0 + 1e-9 {
                best = (f, b);
            }
        }
        model.set_o_bias(best.1);
        eprintln!("o-bias chosen: {:.2}", best.1);
    }
    let bytes = model.to_bytes();
    std::fs::write(out_path, &bytes).map_err(|e| format!("{out_path}: {e}"))?;
    eprintln!(
        "wrote {out_path}: {} features, {} bytes, {:.1}s",
        model.len(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    if let Some(d) = &dev_sents {
        let back = rasid_resolve::ner::Model::from_bytes(&bytes)?;
        print!("{}", evaluate(&back, d));
    }
    Ok(())
}
