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
