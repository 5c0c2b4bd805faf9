from lagebild.evaluation.run_all import check, metric, updated_floors

RESULTS = {"parse": {"upos": 0.95, "las": 0.70}, "quotes": {"direct": {"f1": 0.91}}}


def test_metric_reads_dotted_paths():
    assert metric(RESULTS["quotes"], "direct.f1") == 0.91
    assert metric(RESULTS["quotes"], "indirect.f1") is None


def test_check_reports_metrics_below_floor():
    failures = check(RESULTS, {"parse.upos": 0.94, "parse.las": 0.75, "quotes.direct.f1": 0.95})
    assert len(failures) == 2
    assert any("parse.las" in f for f in failures)
    assert not any("parse.upos" in f for f in failures)


def test_floors_only_go_down_on_purpose():
    floors = {"parse.las": 0.75, "parse.upos": 0.90}
    new, refused = updated_floors(RESULTS, floors, allow_lower=False)
    assert new["parse.las"] == 0.75 and new["parse.upos"] == 0.95
    assert refused and "parse.las" in refused[0]
    lowered, refused = updated_floors(RESULTS, floors, allow_lower=True)
    assert lowered["parse.las"] == 0.70 and not refused


def test_slices_are_disjoint_and_cover_the_file(tmp_path):
    from lagebild.evaluation import splits

    src = tmp_path / "toy.conllu"
    src.write_text("".join(f"# sent_id = {i}\n1\tx\n\n" for i in range(12)), encoding="utf-8")
    parts = [(0, 5), (5, 8), (8, None)]
    seen = []
    for part in parts:
        dst = tmp_path / f"{part[0]}.conllu"
        count = splits.write_slice(src, dst, part)
        ids = [line for line in dst.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        assert len(ids) == count
        seen.extend(ids)
    assert seen == [f"# sent_id = {i}" for i in range(12)]
    cached = splits.slice_file(src, (8, None))
    assert cached.read_text(encoding="utf-8") == (tmp_path / "8.conllu").read_text(encoding="utf-8")


def test_parse_and_ner_tasks_use_the_parts_the_model_did_not_see():
    from lagebild.evaluation import run_all, splits
    from lagebild.paths import shared_dir

    tasks = {task.name: task for task in run_all.TASKS}
    sources = {
        "parse": ("data/ud-german-gsd/de_gsd-ud-dev.conllu", splits.GSD_HELDOUT, splits.GSD_TUNE),
        "ner": ("data/germeval2014/NER-de-dev.tsv", splits.GERMEVAL_HELDOUT, splits.GERMEVAL_TUNE),
    }
    # a model trained on the held-out parts too is scored on the tuning parts
    trained_on_heldout = run_all.trained_on_heldout()
    for name, (relative, heldout, tune) in sources.items():
        path = tasks[name].data()
        if path is None:
            continue  # no ../shared in a user's clone
        full = splits.blocks((shared_dir() / relative).read_text(encoding="utf-8"))
        used = splits.blocks(path.read_text(encoding="utf-8"))
        assert used == full[slice(*(tune if trained_on_heldout else heldout))]
        assert heldout[0] >= tune[1]  # the held-out part starts after the tuning part


def test_trained_on_heldout_reads_the_model_meta(tmp_path):
    from lagebild.evaluation.run_all import trained_on_heldout

    assert not trained_on_heldout(tmp_path)  # no meta.json
    (tmp_path / "meta.json").write_text('{"lagebild_heldout": {}}', encoding="utf-8")
    assert not trained_on_heldout(tmp_path)
    (tmp_path / "meta.json").write_text('{"lagebild_heldout_measured_by": "x"}', encoding="utf-8")
    assert trained_on_heldout(tmp_path)


def test_updated_floor_never_exceeds_the_measured_value():
    results = {"ner": {"f1": 0.57215836}}
    floors, refused = updated_floors(results, {}, allow_lower=False)
    assert floors["ner.f1"] <= 0.57215836 and floors["ner.f1"] == 0.5721
    assert not check(results, floors) and not refused
