"""serve_browser.py — the page of `clausekit serve` in a real browser.

Debian's chromium, driven by chromium-driver through python3-selenium
(run with /usr/bin/python3). serve.sh starts the server and passes:
    serve_browser.py URL WORKDIR CONTRACT ROSTER
Environment: CK (the binary, for the command line's answers); SHOTS, when
set, a folder for screenshots (docs/images/serve*.png are made this way).
Prints "ok   ..." / "FAIL ..." per step. Waits are for what the page
shows or for a downloaded file to appear, never for a clock.
"""
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

URL, WORK, CONTRACT, ROSTER = sys.argv[1:5]
CK = os.environ["CK"]
SHOTS = os.environ.get("SHOTS")
failures = 0


def ok(name):
    print("ok   " + name, flush=True)


def fail(name, why=""):
    global failures
    failures += 1
    print("FAIL " + name + (": " + why if why else ""), flush=True)


def expect(cond, name, why=""):
    if cond:
        ok(name)
    else:
        fail(name, why)


downloads = os.path.join(WORK, "downloads")
os.makedirs(downloads, exist_ok=True)
profile = tempfile.mkdtemp(prefix="ck-chromium-", dir=WORK)
options = Options()
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=zh-TW"):
    options.add_argument(arg)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                          "download.prompt_for_download": False,
                                          "safebrowsing.enabled": False})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
wait = WebDriverWait(driver, 120)


def downloaded(pattern):
    """Waits for a finished download matching pattern; returns its path."""
    def done(_):
        found = [p for p in glob.glob(os.path.join(downloads, pattern)) if not p.endswith(".crdownload")]
        partial = glob.glob(os.path.join(downloads, "*.crdownload"))
        return found[0] if found and not partial else False
    return wait.until(done)


def visible(css):
    return wait.until(lambda d: d.execute_script(
        "const e = document.querySelector(arguments[0]); return e && !e.hidden && e.offsetParent !== null ? e : null;", css))


try:
    # ---- the page ------------------------------------------------------------
    driver.get(URL)
    tab = driver.find_element(By.ID, "tab-check")
    expect(tab.text == "檢查契約" and driver.find_element(By.ID, "tab-forms").text == "產生表單",
           "the page loads in zh-TW with its two tabs", tab.text)

    # ---- a contract -------------------------------------------------------------
    cli = subprocess.run([CK, "check", CONTRACT, "--format", "json"], capture_output=True, env=dict(os.environ, CLAUSEKIT_LANG="zh-TW"))
    want = json.loads(cli.stdout)
    driver.find_element(By.ID, "files").send_keys(CONTRACT)
    visible(".result-body")
    counts = [b.text for b in driver.find_elements(By.CSS_SELECTOR, ".result .counts b")]
    s = want["summary"]
    expect(counts == [str(s[k]) for k in ("present", "partial", "conflict", "missing", "not_applicable", "required_gaps")],
           "the counts on the page are those of clausekit check --format json", "%r vs %r" % (counts, s))
    rows = driver.execute_script("""
        const root = document.querySelector('.result .report-host').shadowRoot;
        return Array.from(root.querySelectorAll('tbody tr')).filter(tr => tr.querySelector('span.status'))
          .map(tr => [tr.querySelector('td').textContent.trim(), tr.querySelector('span.status').className.replace('status st-', '')]);""")
    seen = {rid: status for rid, status in rows}
    names = {"present": "present", "partial": "partial", "conflict": "conflict", "missing": "missing", "not_applicable": "na"}
    expected = {f["id"]: names[f["status"]] for f in want["findings"]}
    expect(seen == expected and len(seen) == len(want["findings"]),
           "every requirement shows the status clausekit check gives (%d of them)" % len(expected),
           str(sorted(set(seen.items()) ^ set(expected.items()))[:6]))
    evidence = driver.execute_script(
        "return document.querySelector('.result .report-host').shadowRoot.querySelectorAll('blockquote mark').length;")
    expect(evidence > 0, "the report shows the evidence with the matched words marked")
    messages = [m["message"] for m in driver.get_log("browser") if "Content Security Policy" in m["message"]
                or m["level"] == "SEVERE"]
    expect(not messages, "no script error and nothing the Content-Security-Policy blocks", str(messages[:3]))

    if SHOTS:
        def viewport(width, height, mobile):
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        viewport(1280, 800, False)
        driver.execute_script("window.scrollTo(0, 0);")
        driver.save_screenshot(os.path.join(SHOTS, "serve-report.png"))
        viewport(390, 844, True)
        driver.execute_script("document.querySelector('.result').scrollIntoView({block: 'start'}); window.scrollBy(0, -8);")
        driver.save_screenshot(os.path.join(SHOTS, "serve-phone.png"))
        viewport(1280, 800, False)

    # ---- the annotated copy ----------------------------------------------------------
    driver.find_element(By.CSS_SELECTOR, ".result [data-action=annotate]").click()
    path = downloaded("*-審查.docx")
    try:
        with zipfile.ZipFile(path) as z:
            comments = z.read("word/comments.xml").decode()
            expect(z.testzip() is None and comments.count("<w:comment ") > 0,
                   "the annotated copy downloads as %s, a valid package with comments" % os.path.basename(path))
    except (zipfile.BadZipFile, KeyError) as e:
        fail("the annotated copy opens", repr(e))

    # ---- a roster with a bad row, then fixed --------------------------------------------
    with open(ROSTER, encoding="utf-8-sig", newline="") as f:
        people = sum(1 for row in list(csv.reader(f))[1:] if any(c.strip() for c in row))
    with open(ROSTER, encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    good_id = lines[2].split(",")[6]
    bad_id = good_id[:-1] + str((int(good_id[-1]) + 1) % 10)
    bad_path = os.path.join(WORK, "名冊.csv")
    with open(bad_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines[:2] + [lines[2].replace(good_id, bad_id)] + lines[3:]) + "\n")
    driver.find_element(By.ID, "tab-forms").click()
    driver.find_element(By.ID, "roster").send_keys(bad_path)
    driver.find_element(By.ID, "forms-go").click()
    visible("#forms-errors")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#forms-error-table tbody tr"))
    cells = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#forms-error-table tbody tr td")]
    expect(cells[:1] == ["3"] and "身分證字號" in cells[1] and "****" in cells[1],
           "the bad row's error shows in the table, its row and the ID masked", str(cells))
    expect(bad_id not in driver.page_source, "the page never shows the whole ID")
    expect(not glob.glob(os.path.join(downloads, "4-016*")), "nothing is downloaded while a row is wrong")

    fixed_path = os.path.join(WORK, "fixed.csv")
    shutil.copy(ROSTER, fixed_path)
    driver.find_element(By.ID, "roster").send_keys(fixed_path)
    driver.find_element(By.ID, "forms-go").click()
    path = downloaded("4-016*.zip")
    with zipfile.ZipFile(path) as z:
        members = z.namelist()
    expect(len(members) == people and all(m.startswith("4-016-") and m.endswith(".docx") for m in members),
           "the fixed roster downloads a zip with one form per person (%d)" % people, str(members))
    expect(visible("#forms-done") is not None and driver.find_element(By.ID, "forms-errors").get_attribute("hidden") is not None,
           "the page says what was made and the error table is gone")

    # ---- one record typed in, merged into one HTML file ----------------------------------------
    driver.find_element(By.CSS_SELECTOR, "input[name=source][value=record]").click()
    values = {"機關名稱": "範例市政府資訊中心", "公司名稱": "甲乙資訊股份有限公司", "專案名稱": "維運案",
              "姓名": "林小華", "身分證字號": "A100000001"}
    for field, value in values.items():
        driver.find_element(By.CSS_SELECTOR, "#record-fields input[data-field='%s']" % field).send_keys(value)
    driver.find_element(By.CSS_SELECTOR, "#form-format option[value=html]").click()
    driver.find_element(By.CSS_SELECTOR, "input[name=merge][value='1']").click()
    driver.find_element(By.ID, "forms-go").click()
    path = downloaded("4-016*.html")
    with open(path, encoding="utf-8") as f:
        html = f.read()
    expect("林小華" in html and "甲乙資訊股份有限公司" in html, "one record typed into the page makes its form")

    # ---- English ----------------------------------------------------------------------------
    driver.find_element(By.ID, "lang").click()
    expect(driver.find_element(By.ID, "tab-check").text == "Check contracts", "the English switch")
    if SHOTS:
        driver.find_element(By.ID, "lang").click()
        driver.find_element(By.CSS_SELECTOR, "input[name=source][value=roster]").click()
        driver.find_element(By.CSS_SELECTOR, "input[name=source][value=record]").click()
        driver.execute_script("window.scrollTo(0, 0);")
        driver.save_screenshot(os.path.join(SHOTS, "serve-forms.png"))
except Exception as e:  # noqa: BLE001 — the step that broke is the finding
    fail("browser run", "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
finally:
    driver.quit()
sys.exit(1 if failures else 0)
