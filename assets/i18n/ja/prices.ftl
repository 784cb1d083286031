# 価格表をデータとして扱う: CSV の取り込み、一括変更、prices コマンド。キーは固定。

prices-not-a-price = 「{ $got }」は価格ではありません: 通貨の最小単位(円・ウォン・セント)の整数で書いてください(割合の割引は 10 や 8.875 のような割合)
prices-negative = 価格はマイナスにできません({ $got }): 0 以上の整数で書いてください
prices-too-large = { $got } は価格表に書ける最大の価格({ $max })を超えています
prices-schedule = 「{ $got }」はスケジュールではありません: 例 「everyone」「women; at_months=1 2 3」「everyone; monthly_first_months=2; every_months=2」「everyone; after_weeks=4」「everyone; as_needed」(検査)、「first_visit」「course」(手数料)、「medication」「month=1」「course」(割引)
prices-schedule-too-late = { $got } はスケジュールの上限 { $max } を超えています
prices-unit = 単位「{ $got }」はこの項目の単位(「{ $expected }」)ではありません: 箱の入数や項目の種類は TOML の価格表で変更してください
prices-unknown-section = 「{ $got }」は区分ではありません: { $allowed } のいずれかを書いてください
prices-cannot-add = 元の価格表にない項目です。表計算から追加できるのは検査と一回限りの手数料だけです: ほかの項目は TOML の価格表に追加してください
prices-duplicate = この区分とコードは { $first } 行目にもあります
prices-control-character = 名前に見えない制御文字が含まれています: 入力し直してください
prices-no-name = 新しい検査・手数料には名前(name_ja、name_en、name_ko のいずれか)が必要です
prices-row-column = { $row } 行目、{ $column } 列: { $reason }
prices-row = { $row } 行目: { $reason }
prices-round-to = 端数処理は通貨の最小単位の 1、10、100 のいずれかです({ $got } が指定されました)
prices-bulk-item = { $item }: { $reason }
prices-csv-broken = 表計算ファイルの { $row } 行目を読み取れません: { $detail }。表計算ソフトから CSV (UTF-8) で保存し直してください
prices-csv-header = 1 行目は見出し「{ $expected }」である必要があります(「{ $got }」でした): dose-planner prices export --csv で書き出したファイルから始めてください
prices-csv-invalid = { $count } 行が受け付けられません。何も反映していません:
prices-written = 書き出しました: { $path }
prices-dry-run = 何も書き出していません(--dry-run、または --out の指定なし)
prices-row-label = { $row } 行目:
prices-line-changed = { $item }: { $old } → { $new }
prices-line-added = 追加: { $item } { $price }
prices-line-missing = ファイルにありません(そのまま残します): { $item }
prices-line-removed = 削除: { $item }
prices-no-difference = 違いはありません
prices-summary = 変更 { $changed }、追加 { $added }、ファイルになし { $missing }(そのまま)、変更なし { $unchanged }、受け付けられない行 { $invalid }
prices-bulk-summary = { $changed } 件の価格が変わります
