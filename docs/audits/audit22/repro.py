"""audit22 minimal reproductions:  python repro.py WORKDIR
Each case: a tiny master (CSV) + one signed package; prints the decision row(s)."""
import csv, json, os, shutil, subprocess, sys
from pathlib import Path
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pkgtool
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

W = os.path.abspath(sys.argv[1])
shutil.rmtree(W, ignore_errors=True)
os.makedirs(W)
k = Ed25519PrivateKey.generate()
open(f"{W}/k.pem", "wb").write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
open(f"{W}/k.pub.pem", "wb").write(k.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
TPF = ["tin", "tin_type", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "date_of_death"]
ADF = ["tin", "street", "unit", "city", "state", "zip", "source", "tax_year", "effective_date"]
RC = ["request_id", "first_name", "middle_name", "last_name", "name_suffix", "date_of_birth", "tin", "a_number", "street",
      "unit", "city", "state", "zip", "address", "taxable_periods", "statute", "reason", "final_order_date", "case_number",
      "case_agent_id"]


def dg(home, *a, user=None):
    cmd = [sys.executable, "-m", "dgate", "--home", home] + (["--as", user] if user else []) + list(a)
    return subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=os.environ.get("DGATE_SRC", str(Path(__file__).resolve().parents[3] / "src"))))


def case(name, taxpayers, addresses, requests):
    d = f"{W}/{name}"
    os.makedirs(f"{d}/master")
    os.makedirs(f"{d}/pkg")
    for fn, rows, f in (("taxpayers", taxpayers, TPF), ("addresses", addresses, ADF)):
        with open(f"{d}/master/{fn}.csv", "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=f, restval="")
            w.writeheader()
            w.writerows(rows)
    with open(f"{d}/pkg/records.csv", "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=RC, restval="")
        w.writeheader()
        for i, r in enumerate(requests):
            base = dict(request_id=f"Q{i + 1}", taxable_periods="2023;2024", reason="Open criminal investigation, 8 USC 1253(a)(1)",
                        final_order_date="2025-01-10", case_number=f"CR-{i}", case_agent_id="SA-1")
            base.update(r)
            w.writerow(base)
    m = pkgtool.make_manifest(f"RP-{name}", "records.csv", f"{d}/pkg/records.csv", len(requests))
    pkgtool.sign_package(f"{d}/pkg", m, f"{W}/k.pem")
    h = f"{d}/home"
    dg(h, "init")
    dg(h, "user", "add", "clerk", "--role", "intake")
    dg(h, "agency", "add", "ICE", "--name", "ICE", "--statute", "8 U.S.C. 1253(a)(1)")
    dg(h, "official", "add", "ICE", "ICE-DIR-01", "--name", "P", "--title", "D", "--public-key", f"{W}/k.pub.pem", "--valid-from", "2026-01-01")
    p = dg(h, "master", "load", f"{d}/master")
    assert p.returncode == 0, p.stderr
    p = dg(h, "batch", "submit", f"{d}/pkg", "--as-of", "2026-11-25", user="clerk")
    assert p.returncode == 0, p.stderr
    bid = p.stdout.strip().splitlines()[-1]
    dg(h, "batch", "decisions", bid, "--out", f"{d}/decisions.csv")
    print(f"=== {name}")
    for r in csv.DictReader(open(f"{d}/decisions.csv")):
        print("   ", r["request_id"], r["disposition"], r["reason_codes"], r["match_tin"], r["match_probability"],
              r["street"], r["unit"], r["city"], r["zip"])


A = lambda tin, street, city, st, z, unit="", src="RETURN", eff="2025-04-15": dict(
    tin=tin, street=street, unit=unit, city=city, state=st, zip=z, source=src, tax_year="2024" if src == "RETURN" else "", effective_date=eff)

# F1: Puerto Rico highway-kilometre and hyphenated HC addresses, exactly as held in the master
case("F1_pr_km_hc",
     [dict(tin="123450001", tin_type="SSN", first_name="ANA", last_name="CHAVEZ RAMIREZ", date_of_birth="1980-01-02"),
      dict(tin="123450002", tin_type="SSN", first_name="EDUARDO", last_name="FLORES DE LEON", date_of_birth="1979-05-06")],
     [A("123450001", "CARR 172 KM 13.0", "CAYEY", "PR", "00736"), A("123450002", "HC 02 BOX 7150", "CAYEY", "PR", "00736")],
     [dict(first_name="ANA", last_name="CHAVEZ RAMIREZ", street="CARR 172 KM 13.0", city="CAYEY", state="PR", zip="00736"),
      dict(first_name="ANA", last_name="CHAVEZ RAMIREZ", street="CARRETERA 172 KM 13.0", city="CAYEY", state="PR", zip="00736"),
      dict(first_name="EDUARDO", last_name="FLORES DE LEON", street="HC-02 BOX 7150", city="CAYEY", state="PR", zip="00736"),
      dict(first_name="EDUARDO", last_name="FLORES DE LEON", street="HC 02 BOX 7150", city="CAYEY", state="PR", zip="00736")])

# F2: day/month-swapped DOB (a contradicting DOB) is disclosed automatically
case("F2_dob_swapped",
     [dict(tin="123450003", tin_type="SSN", first_name="JESUS ANGEL", last_name="DIAZ CRUZ", date_of_birth="1980-03-05")],
     [A("123450003", "4879 MADISON LN", "HOUSTON", "TX", "77081")],
     [dict(first_name="JESUS ANGEL", last_name="DIAZ CRUZ", date_of_birth="1980-05-03", street="4879 MADISON LN", city="HOUSTON", state="TX", zip="77081")])

# F3: non-ISO DOB decides between two same-name taxpayers at one address; dd/mm vs mm/dd
case("F3_dob_non_iso",
     [dict(tin="123450004", tin_type="SSN", first_name="MA. LOURDES", middle_name="SANTOS", last_name="REYES", date_of_birth="1985-03-07"),
      dict(tin="123450005", tin_type="SSN", first_name="MA. LOURDES", middle_name="SANTOS", last_name="REYES", date_of_birth="1985-07-03")],
     [A("123450004", "RR 4 BOX 161", "WESLACO", "TX", "78596"), A("123450005", "RR 4 BOX 161", "WESLACO", "TX", "78596", eff="2025-03-01")],
     [dict(first_name="MA. LOURDES", middle_name="SANTOS", last_name="REYES", date_of_birth="07/03/1985", street="RR 4 BOX 161", city="WESLACO", state="TX", zip="78596")])

# F4: two taxpayers of one full name at one address; the other has no DOB on file
case("F4_namesake_no_dob",
     [dict(tin="123450006", tin_type="SSN", first_name="AN", middle_name="VAN", last_name="LE", date_of_birth=""),
      dict(tin="123450007", tin_type="SSN", first_name="AN", middle_name="VAN", last_name="LE", date_of_birth="1970-09-24")],
     [A("123450006", "895 W 1ST LN", "MIAMI", "FL", "33135", eff="2025-09-24"),
      A("123450007", "895 W 1ST LN", "MIAMI", "FL", "33135", src="FORM_8822", eff="2025-07-16"),
      A("123450007", "77 NEW ST", "MIAMI", "FL", "33135", src="FORM_8822", eff="2025-08-16")],
     [dict(first_name="AN", middle_name="VAN", last_name="LE", date_of_birth="1970-09-24", street="895 W 1ST LANE", city="MIAMI", state="FL")])

# F5: DOB one digit off / second given name different -> REVIEW, not M_CONFLICT
case("F5_conflict_to_review",
     [dict(tin="123450008", tin_type="SSN", first_name="MARIA", last_name="RAMIREZ MEDINA", date_of_birth="1965-08-07"),
      dict(tin="123450009", tin_type="SSN", first_name="SERGIO", middle_name="ALBERTO", last_name="REYES GARCIA", date_of_birth="1985-03-05")],
     [A("123450008", "562 S 2700 W", "PROVO", "UT", "84604"), A("123450009", "3644 ALAMEDA LN", "HOUSTON", "TX", "77081")],
     [dict(first_name="MARIA", last_name="RAMIREZ MEDINA", date_of_birth="1965-08-08", street="562 SOUTH 2700 WEST", city="PROVO", state="UT", zip="84604"),
      dict(first_name="SERGIO", middle_name="ALFREDO", last_name="REYES GARCIA", street="3644 ALAMEDA LANE", city="HOUSTON", state="TX", zip="77081")])

# F6: TIN written with spaces
case("F6_tin_spaces",
     [dict(tin="266744420", tin_type="SSN", first_name="RICARDO", last_name="MORENO SANCHEZ", date_of_birth="1999-09-22")],
     [A("266744420", "2432 W RIO GRANDE RD", "SAN ANTONIO", "TX", "78207")],
     [dict(first_name="RICARDO", last_name="MORENO SANCHEZ", tin="266 74 4420", street="2432 W RIO GRANDE RD", city="SAN ANTONIO", state="TX", zip="78207")])

# F7: same house number and street in two ZIPs of one city, request names the ZIP
case("F7_two_zips",
     [dict(tin="123450010", tin_type="SSN", first_name="FRANCISCO", middle_name="DE JESUS", last_name="RAMOS MUNOZ", date_of_birth="1978-08-12"),
      dict(tin="123450011", tin_type="SSN", first_name="FRANCISCO", middle_name="DE JESUS", last_name="RAMOS MUNOZ", date_of_birth="1966-01-30")],
     [A("123450010", "506 N CEDAR RD", "SAN ANTONIO", "TX", "78207"), A("123450011", "506 N CEDAR RD", "SAN ANTONIO", "TX", "78211")],
     [dict(first_name="FRANCISCO", last_name="RAMOS MUÑOZ", street="506 N CEDAR RD", city="SAN ANTONIO", state="TX", zip="78207")])

# F8: twins at one address; the request names one twin (exact first name) but carries the other twin's TIN
case("F8_twin_tin",
     [dict(tin="305662029", tin_type="SSN", first_name="MIGUEL FRANCISCO", last_name="IBANEZ VAZQUEZ", date_of_birth="2004-06-07"),
      dict(tin="693110800", tin_type="SSN", first_name="FRANCISCO", last_name="IBANEZ-VAZQUEZ", date_of_birth="2004-06-07")],
     [A("305662029", "7181 W MADISON BLVD", "LOS ANGELES", "CA", "90033", src="NCOA", eff="2024-04-28"),
      A("693110800", "7181 W MADISON BLVD", "LOS ANGELES", "CA", "90033", eff="2024-08-18")],
     [dict(first_name="FRANCISCO", last_name="IBANEZ", date_of_birth="2004-06-07", tin="305662029", street="7181 WEST MADISON BLVD", city="LOS ANGELES", state="CA", zip="90033")])

# F9: twins at one address, one twin's DOB missing on file; request gives first name + paternal surname + DOB
case("F9_twin_missing_dob",
     [dict(tin="591041106", tin_type="SSN", first_name="ROBERTO", middle_name="ALBERTO", last_name="DE LA CRUZ REYES", date_of_birth=""),
      dict(tin="980805640", tin_type="ITIN", first_name="ROBERTO", middle_name="LUIS", last_name="DE LA CRUZ REYES", date_of_birth="1992-04-01")],
     [A("591041106", "2608 21ST ST", "SAN ANTONIO", "TX", "78228", eff="2024-08-07"),
      A("980805640", "2608 21ST ST", "SAN ANTONIO", "TX", "78228", eff="2024-08-21")],
     [dict(first_name="ROBERTO", last_name="DE LA CRUZ", date_of_birth="1992-04-01", street="2608 21ST ST", city="SAN ANTONIO", state="TX", zip="78228")])

# F10: a one-line address without a city ("street, ST zip")
case("F10_oneline_no_city",
     [dict(tin="123450012", tin_type="SSN", first_name="ANA", last_name="ROSALES CASTRO", date_of_birth="1980-01-02"),
      dict(tin="123450013", tin_type="SSN", first_name="LUIS", last_name="ROSALES CASTRO", date_of_birth="1981-01-02")],
     [A("123450012", "71-52 104TH ST", "ELMHURST", "NY", "11373"), A("123450013", "123 MAIN ST", "AUSTIN", "TX", "78741")],
     [dict(first_name="ANA", last_name="ROSALES CASTRO", address="71-52 104TH ST, NY 11373"),
      dict(first_name="LUIS", last_name="ROSALES CASTRO", address="123 MAIN ST, TX 78741"),
      dict(first_name="ANA", last_name="ROSALES CASTRO", street="71-52 104TH ST", state="NY", zip="11373", request_id="Q9")])
