"""Registers a trained version in Modelport's registry and checks the quality gates of its first environment,
through Modelport's REST API (its OpenAPI document is on the portal's APIs page), as a service:

  MODELPORT_TOKEN=... python -m modelservice.register --api https://portal.example.com/api/models \\
      --artifact-uri s3://acme-models/claims-triage/0.1.0/ --artifacts artifacts

The token is one of the portal's backend.auth.externalAccess tokens, kept as a CI secret. Exits non-zero, saying
why, when the version does not match or beat the champion service.json names (the registered version of the model
this one replaces) on every metric both have, when the registry refuses the version, or when a gate of the
environment fails (so the pipeline fails). It does not promote: the registry takes promotion requests from people
only, so a person asks for it on the Registry tab.
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from . import schema


def call(api, token, method, path, body=None, query=None):
    url = f"{api.rstrip('/')}{path}" + (f"?{urllib.parse.urlencode(query)}" if query else "")
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as res:
            return res.status, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            message = json.loads(raw)["error"]["message"]
        except (ValueError, KeyError, TypeError):
            message = raw.decode(errors="replace")[:500]
        return e.code, {"message": message}


# Metrics where a lower value is the better model; every other metric is better higher.
LOWER_IS_BETTER = {"brier_score", "log_loss", "rmse", "mae", "mape", "mse"}


def model_path(ref):
    """/models/<namespace>/<name> of an entity ref such as model:default/churn-classifier or churn-classifier."""
    kind_and_namespace, _, name = ref.rpartition("/")
    namespace = kind_and_namespace.split(":")[-1] if kind_and_namespace else "default"
    return f"/models/{urllib.parse.quote(namespace or 'default')}/{urllib.parse.quote(name)}"


def beats_champion(api, token, champion, metrics):
    """Compares the new metrics with the champion's, metric by metric; returns the shortfalls, printing each comparison."""
    status, registered = call(api, token, "GET", f"{model_path(champion['model'])}/versions/{urllib.parse.quote(champion['version'])}")
    if status != 200:
        sys.exit(f"Could not read the champion {champion['model']} {champion['version']} ({status}): {registered['message']}")
    theirs = registered.get("metrics") or {}
    shared = sorted(set(theirs) & set(metrics))
    if not shared:
        sys.exit(f"This version shares no metric with the champion {champion['model']} {champion['version']} ({', '.join(sorted(theirs)) or 'none'}): nothing to compare")
    shortfalls = []
    for name in shared:
        ours, best = metrics[name], theirs[name]
        worse = ours > best if name in LOWER_IS_BETTER else ours < best
        print(f"  {'WORSE' if worse else 'ok   '}  {name}: {ours:.4g} against the champion's {best:.4g}")
        if worse:
            shortfalls.append(name)
    return shortfalls


def read_json(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--api", default=os.environ.get("MODELPORT_API"), help="the models backend, e.g. https://portal/api/models")
    parser.add_argument("--namespace", default="default")
    parser.add_argument("--model", default=None, help="the Model's name; default: service.json's")
    parser.add_argument("--version", default=None, help="default: the VERSION file")
    parser.add_argument("--artifact-uri", help="where the artifacts are (or go); required unless --preflight")
    parser.add_argument("--preflight", action="store_true", help="only check that the version is new and beats the champion, before its artifacts are uploaded")
    parser.add_argument("--artifacts", default="artifacts")
    parser.add_argument("--environment", default="dev", help="whose quality gates to check")
    parser.add_argument("--source-run-url", default=None, help="default: this GitHub Actions run")
    args = parser.parse_args(argv)

    token = os.environ.get("MODELPORT_TOKEN")
    if not args.api or not token:
        sys.exit("Set --api (or MODELPORT_API) and MODELPORT_TOKEN")
    service = schema.load()
    name = args.model or service.name
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    version = args.version or open(os.path.join(root, "VERSION"), encoding="utf-8").read().strip()
    run_url = args.source_run_url
    if run_url is None and os.environ.get("GITHUB_RUN_ID"):
        run_url = f"{os.environ['GITHUB_SERVER_URL']}/{os.environ['GITHUB_REPOSITORY']}/actions/runs/{os.environ['GITHUB_RUN_ID']}"
    base = f"/models/{urllib.parse.quote(args.namespace)}/{urllib.parse.quote(name)}"

    metrics = read_json(args.artifacts, "metrics.json") or {}
    if service.champion:
        print(f"Comparing with the champion {service.champion['model']} {service.champion['version']}:")
        shortfalls = beats_champion(args.api, token, service.champion, metrics)
        if shortfalls:
            sys.exit(f"{name} {version} does not beat the champion {service.champion['model']} {service.champion['version']} on {', '.join(shortfalls)}: not registered")
    if args.preflight:
        # Before the upload: a registered version's artifacts are never overwritten.
        status, existing = call(args.api, token, "GET", f"{base}/versions/{urllib.parse.quote(version)}")
        if status == 200:
            sys.exit(f"{name} {version} is registered already: bump VERSION for a new version (its artifacts stay as they are)")
        if status != 404:
            sys.exit(f"Could not check whether {name} {version} is registered ({status}): {existing['message']}")
        print(f"{name} {version} is new: its artifacts may be uploaded")
        return
    if not args.artifact_uri:
        sys.exit("--artifact-uri is required to register")

    body = {
        "version": version,
        "artifactUri": args.artifact_uri,
        "framework": service.framework,
        "metrics": metrics,
        "parameters": {"commit": os.environ.get("GITHUB_SHA", "local")},
    }
    for key, file in (("profile", "profile.json"), ("signature", "signature.json")):
        content = read_json(args.artifacts, file)
        if content is not None:
            body[key] = content
    if run_url:
        body["sourceRunUrl"] = run_url
    status, answer = call(args.api, token, "POST", f"{base}/versions", body)
    if status != 201:
        sys.exit(f"The registry refused {name} {version} ({status}): {answer['message']}")
    print(f"Registered {name} {version} as {answer['registeredBy']}")

    status, check = call(args.api, token, "GET", f"{base}/promotions/check", query={"version": version, "environment": args.environment})
    if status != 200:
        sys.exit(f"Could not check the gates of {args.environment} ({status}): {check['message']}")
    if check.get("blocker"):
        sys.exit(f"{version} cannot go to {args.environment}: {check['blocker']}")
    failed = [g for g in check["gates"] if not g["passed"]]
    for g in check["gates"]:
        print(f"  {'pass' if g['passed'] else 'FAIL'}  {g['type']}: {g['message']}")
    if failed:
        sys.exit(f"{len(failed)} quality gate(s) of {args.environment} fail for {version}")
    print(f"{version} passes the gates of {args.environment}: promote it on the Registry tab")


if __name__ == "__main__":
    main()
