# ウィンドウまわり: 料金表のフォルダーと「このアプリについて」。
shell-folder-working = 作業フォルダー
shell-folder-mine = マイ料金表
shell-folder-examples = 見本
shell-sheet-unreadable = (読めない料金表)
shell-keep-copy = マイ料金表にコピーを保存
shell-keep-copy-hint = この料金表を { $folder } にコピーし、以後はコピーを使います。どの作業フォルダーから起動しても一覧に出ます。
shell-copy-done = 料金表をマイ料金表に保存しました: { $path }
shell-copy-exists = 同じファイル名の料金表がすでにマイ料金表にあります: { $path }。どちらかの名前を変えてから、もう一度お試しください。
shell-copy-no-folder = このコンピューターではマイ料金表のフォルダーがわかりません(ホームフォルダーがありません)。
shell-about = このアプリについて
shell-about-title = Dose & Cost Planner について
shell-about-version = バージョン { $version }
shell-about-licences = ライセンス
shell-about-licence-texts = 全文は、パッケージからインストールした場合は /usr/share/doc/dose-planner/ に、ソースでは LICENSE と assets/fonts/ にあります。
shell-about-data = データの保存場所
shell-about-recovery = 復元用コピー
shell-about-register = 台帳
shell-about-sheets = マイ料金表
shell-about-none = (なし)
shell-about-close = 閉じる

# ウィンドウを開く: 描画方式（glow, wgpu）と、どちらも起動できないときの知らせ。
shell-start-title = Dose & Cost Planner のウィンドウを開けません
shell-renderer-cannot-start = 描画方式 { $renderer } はこのコンピューターでは起動できません（{ $error }）。描画方式 { $next } を試します。
shell-renderer-none = このコンピューターではウィンドウを描画できません。OpenGL 2.0 以降（描画方式 glow）、または Vulkan・DirectX 12・Metal・OpenGL ES 3.0（描画方式 wgpu）が必要ですが、どちらも起動できませんでした:
shell-renderer-error = ・{ $renderer }: { $error }
shell-renderer-none-help = グラフィックドライバーを更新してください。リモートデスクトップや仮想マシンでは、グラフィックカードまたは 3D アクセラレーションを有効にしてください。見積もりはコマンドラインでも作成できます: dose-planner quote --help
shell-renderer-forced-failed = --renderer または DOSE_PLANNER_RENDERER で指定した描画方式 { $renderer } を起動できません（{ $error }）。指定を外して起動すると、動く方式をアプリが選びます。
shell-renderer-failed = 描画方式 { $renderer } のエラーでウィンドウが閉じました: { $error }
shell-window-no-display = ウィンドウを開く画面が見つかりません（{ $error }）。デスクトップにログインした状態で起動してください。見積もりは画面がなくてもコマンドラインで作成できます: dose-planner quote --help
shell-renderer-unknown = DOSE_PLANNER_RENDERER には glow か wgpu を指定してください（「{ $value }」は指定できません）。外すとアプリが選びます。
